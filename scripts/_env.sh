# Shared by scripts/demo and scripts/test: a project virtualenv with everything installed.
# Idempotent: re-running installs nothing new unless pyproject.toml changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MIDAIR_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
STAMP="$VENV/.midair-installed"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install -q -e "$ROOT[test,tennis]" 2>&1 | grep -v '^WARNING: Location' || true
  "$VENV/bin/python" -c "import midair, psycopg, lark, pglast, typer" 
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
