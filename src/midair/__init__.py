"""midair: evolve a live database's schema without downtime and without losing a row.

The pipeline (see docs/DESIGN.md): parse (`psl`) -> model (`schema`) -> diff (`diff`) ->
check (`checks`) -> render (`render`, `dialects`) -> apply (`migrations`).
"""

__version__ = "0.1.0"
