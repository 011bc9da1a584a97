#!/usr/bin/env bash
# Set everything up (first run only) and run the linter and the whole test suite.
# The browser end-to-end test needs Debian's chromium at /usr/bin/chromium and a CJK font (fonts-noto-cjk)
# so its screenshots show Japanese as text, not boxes; the PDF reader uses poppler's pdftotext as its second
# text engine. As root this script installs what is missing with apt-get; without root the browser
# test is skipped (outside CI). Screenshots: tests/e2e/artifacts/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup_env.sh" test
cd "$ROOT"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)  # the PDF reader's second text engine
if command -v fc-list >/dev/null 2>&1; then
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
else
  [ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
fi
if [ "${#need[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "run_tests: installing ${need[*]} for the browser test" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null) \
    || echo "run_tests: could not install ${need[*]}; the browser test will be skipped or fail under CI" >&2
fi
ruff check .
python -m pytest "$@"
