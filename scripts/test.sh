#!/usr/bin/env bash
# Installs what is missing (Chromium for the browser tests included) and runs every check:
# format, lint, types, the web build, and every test suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ ! -x /usr/bin/chromium ]; then echo "Installing Chromium for the browser tests" >&2; apt_install chromium; fi

pnpm exec prettier --check . --log-level warn
pnpm exec eslint . --max-warnings 0
pnpm exec turbo run typecheck build --output-logs=errors-only
pnpm exec turbo run test --concurrency=1 --output-logs=full
