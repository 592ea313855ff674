#!/usr/bin/env bash
# The default test run: system packages first (scripts/test-deps.sh), then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-deps.sh
exec mvn -B -ntp verify "$@"
