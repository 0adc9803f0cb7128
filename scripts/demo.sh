#!/usr/bin/env bash
# The one command to start the demo (demo data, DEMO banner):
#   bash scripts/demo.sh [streamlit args, e.g. --server.port 8502]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh --app-only

# Find the port for the URL we print (streamlit's default is 8501).
PORT=8501
prev=""
for arg in "$@"; do
    case "$arg" in
        --server.port=*) PORT="${arg#--server.port=}" ;;
    esac
    if [ "$prev" = "--server.port" ]; then
        PORT="$arg"
    fi
    prev="$arg"
done

echo "==> Starting the demo: open http://localhost:${PORT} in your browser (Ctrl+C stops it)"
# headless: no e-mail prompt and no attempt to open a browser; later "$@" wins.
LISES_DEMO=1 exec .venv/bin/streamlit run app.py \
    --server.headless true \
    --browser.gatherUsageStats false \
    "$@"
