#!/usr/bin/env bash
# Refreshes the screenshots in docs/screenshots from the browser tests (the README and the docs
# show them). Test runs write theirs to apps/web/test-results/screenshots and never touch docs/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ ! -x /usr/bin/chromium ]; then echo "Installing Chromium for the browser tests" >&2; apt_install chromium; fi
pnpm exec turbo run build --filter=@latchkey/web --output-logs=errors-only >&2
LATCHKEY_SCREENSHOTS_DIR="$PWD/docs/screenshots" pnpm --filter @latchkey/web exec vitest run
git status --short docs/screenshots
