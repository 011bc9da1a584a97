#!/usr/bin/env bash
# Set everything up (first run only) and run the linter and the whole test suite.
# The browser end-to-end test needs Debian's chromium at /usr/bin/chromium; as root this script
# installs it with apt-get when it is missing, otherwise that one test is skipped (outside CI).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup_env.sh" test
cd "$ROOT"
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "run_tests: installing Debian's chromium for the browser test" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "run_tests: could not install chromium; the browser test will be skipped or fail under CI" >&2
fi
ruff check .
python -m pytest "$@"
