#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install the project; sourced by run_app.sh and run_tests.sh.
# Usage: source scripts/setup_env.sh [extra]   (extra = "test" installs the test tools too)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY="$cand"; break
    fi
  done
fi
[ -n "$PY" ] || { echo "setup: Python 3.11 or newer is needed" >&2; exit 1; }
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
extra="${1:-}"
spec="$ROOT"
[ -n "$extra" ] && spec="$ROOT[$extra]"
stamp="$VENV/.installed-$extra-$(cat "$ROOT/pyproject.toml" "$ROOT/constraints.txt" 2>/dev/null | cksum | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$ROOT/constraints.txt" -e "$spec"
  # compile the recurring search's numba kernels now (about 25 s CPU, once): numba keeps the machine code, so
  # the first scan of 500,000+ charges does not pay it (audit.detection.chains.KERNEL_MIN_CHARGES)
  AUDIT_CHAIN_KERNEL=1 "$VENV/bin/python" -m audit scan "$ROOT/sample_statements/demo/client_a" --json \
    --out /dev/null >/dev/null 2>&1 || echo "setup: note: the scan kernels were not compiled ahead (the first large scan will)" >&2
  touch "$stamp"
fi
export PATH="$VENV/bin:$PATH"
