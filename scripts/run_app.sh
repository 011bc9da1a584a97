#!/usr/bin/env bash
# Set everything up (first run only) and start the Streamlit page on http://localhost:8501.
# Nothing leaves the machine: usage statistics are off (.streamlit/config.toml) and the page
# makes no network calls. Extra arguments go to `streamlit run`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup_env.sh" ""  # (an explicit argument: do not pass ours on)
cd "$ROOT"
exec streamlit run app.py --browser.gatherUsageStats false "$@"
