#!/usr/bin/env bash
# Rebuild the golden SQL files in this folder with Prisma's own engine (the prisma-oracle).
#
#   tests/golden/regenerate.sh [corpus|tennis|cases]...     (default: all three)
#
# - corpus/<schema>.<provider>.sql   `migrate diff --from-empty --to-schema` for every postgresql
#                                    and sqlite schema of $SHARED/corpus/prisma/ (the schemas stay
#                                    in the shared corpus; only Prisma's output is committed here)
# - tennis/NN_<name>.sql             each tennis step from the previous one (step 1 from empty);
#   tennis-sqlite/NN_<name>.sql      the same history with the provider set to sqlite
# - <dialect>/<case>/expected.sql    our own cases: from.prisma (optional, else empty) -> to.prisma,
#                                    and summary.txt (the summary without --script) for two-state ones
#
# The files hold the oracle's stdout as printed (the CLI adds a trailing blank line; tests strip it).
# A schema Prisma rejects gets `<name>.error` with the oracle's stderr instead.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SHARED="${MIDAIR_SHARED_DIR:-$(cd "$HERE/../../.." && pwd)/shared}"
[[ -d "$SHARED/corpus" ]] || SHARED=/work/shared
ORACLE="$SHARED/tools/prisma-oracle/diff.sh"
WHAT=("$@"); [[ ${#WHAT[@]} -eq 0 ]] && WHAT=(corpus tennis cases)

run() { # out_base args...
  local base="$1"; shift
  local tmp_out tmp_err; tmp_out="$(mktemp)"; tmp_err="$(mktemp)"
  local ok=0 try
  for try in 1 2 3; do
    if "$ORACLE" "$@" >"$tmp_out" 2>"$tmp_err"; then ok=1; break; fi
    # Prisma 7 rejects preview features it no longer knows (they do not change the SQL): drop the
    # one it names from a copy of the schema and try again.
    local feature; feature="$(grep -o 'The preview feature "[A-Za-z]*" is not known' "$tmp_err" | head -1 | cut -d'"' -f2)"
    [[ -n "$feature" ]] || break
    local args=() a
    for a in "$@"; do
      if [[ -f "$a" ]]; then
        local copy; copy="$(mktemp --suffix=.prisma)"
        sed -E "/previewFeatures/ { s/\"$feature\"[[:space:]]*,?[[:space:]]*//; s/,[[:space:]]*\]/]/; }" "$a" >"$copy"; args+=("$copy")
      else args+=("$a"); fi
    done
    set -- "${args[@]}"
  done
  if [[ $ok == 1 ]]; then
    mv "$tmp_out" "$base.sql"; rm -f "$base.error" "$tmp_err"
  else
    mv "$tmp_err" "$base.error"; rm -f "$base.sql" "$tmp_out"
  fi
  echo "${base#"$HERE"/}: $([[ -f "$base.sql" ]] && echo ok || echo ERROR)"
}

for what in "${WHAT[@]}"; do case "$what" in
corpus)
  mkdir -p "$HERE/corpus"
  for f in "$SHARED"/corpus/prisma/*; do
    name="$(basename "$f")"; src="$f"
    if [[ -d "$f" ]]; then  # a multi-file schema: the oracle takes one file
      src="$(mktemp --suffix=.prisma)"; cat "$f"/*.prisma >"$src"
    fi
    prov="$(python3 - "$src" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"//[^\n]*", "", t)
m = re.search(r'datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"([^"]+)"', t, flags=re.S)
print(m.group(1) if m else "")
PY
)"
    case "$prov" in postgresql|sqlite) run "$HERE/corpus/${name%.prisma}.$prov" "$src" "$prov";; esac
  done;;
tennis)
  for prov in postgresql sqlite; do
    out="$HERE/tennis"; [[ $prov == sqlite ]] && out="$HERE/tennis-sqlite"
    mkdir -p "$out"; prev=""
    for f in "$SHARED"/corpus/tennis-score-app/steps/*.prisma; do
      name="$(basename "$f" .prisma)"
      if [[ -z "$prev" ]]; then run "$out/$name" "$f" "$prov"
      else run "$out/$name" "$prev" "$f" "$prov"; fi
      prev="$f"
    done
  done
  # the from-empty summary of step 1 (`migrate diff` without --script)
  run "$HERE/tennis/01_auth.summary" --summary "$SHARED"/corpus/tennis-score-app/steps/01_auth.prisma postgresql
  mv "$HERE/tennis/01_auth.summary.sql" "$HERE/tennis/01_auth.summary.txt";;
cases)
  for d in "$HERE"/postgresql/*/ "$HERE"/sqlite/*/; do
    [[ -f "$d/to.prisma" ]] || continue
    prov="$(basename "$(dirname "$d")")"
    if [[ -f "$d/from.prisma" ]]; then
      run "$d/expected" "$d/from.prisma" "$d/to.prisma" "$prov"
      # the human summary (`migrate diff` without --script), kept as summary.txt
      run "$d/summary" --summary "$d/from.prisma" "$d/to.prisma" "$prov"
      [[ -f "$d/summary.sql" ]] && mv "$d/summary.sql" "$d/summary.txt"
    else run "$d/expected" "$d/to.prisma" "$prov"; fi
  done;;
*) echo "unknown: $what" >&2; exit 64;;
esac; done
