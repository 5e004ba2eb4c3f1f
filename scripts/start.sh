#!/usr/bin/env bash
# Quick start: install what is missing, build the web app, start Latchkey on PORT (default
# 3000) with an embedded SQLite file (default ./data/latchkey.db).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ -f .env ]; then set -a; source .env; set +a; fi
pnpm exec turbo run build --filter=@latchkey/web --output-logs=errors-only >&2
exec pnpm exec tsx apps/server/src/main.ts
