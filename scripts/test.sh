#!/usr/bin/env bash
# The one command to install everything and run the whole test suite:
#   bash scripts/test.sh [pytest args...]
# Exit code is pytest's ("no tests collected" counts as a failure).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh

echo "==> ruff check ."
.venv/bin/ruff check .

echo "==> pytest $*"
rc=0
.venv/bin/python -m pytest "$@" || rc=$?

if [ "$rc" -eq 5 ]; then
    echo "ERROR: pytest collected no tests (exit code 5); treating as failure." >&2
    exit 5
fi
if [ "$rc" -eq 0 ]; then
    echo "==> tests passed"
else
    echo "==> tests FAILED (pytest exit code $rc)" >&2
fi
exit "$rc"
