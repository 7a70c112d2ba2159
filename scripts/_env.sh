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
  # pip's exit status decides; only its noise about absent local package mirrors is filtered.
  if ! "$VENV/bin/python" -m pip install -q -e "$ROOT[test,tennis,bench]" >"$VENV/.pip.log" 2>&1; then
    grep -v '^WARNING: Location' "$VENV/.pip.log" >&2
    echo "error: installing midair and its test dependencies failed (log above)" >&2
    exit 1
  fi
  "$VENV/bin/python" -c "import midair, psycopg, lark, pglast, typer, alembic, playwright"
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
