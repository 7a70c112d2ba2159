from midair.cli import main

raise SystemExit(main())
