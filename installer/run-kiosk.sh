#!/usr/bin/env bash
# The run command (README, desktop launcher): install what is missing (no dev extras), then
# start the kiosk with the given arguments, e.g. installer/run-kiosk.sh doctor
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash installer/install.sh --no-dev
exec "$ROOT/.venv/bin/kiosk" "$@"
