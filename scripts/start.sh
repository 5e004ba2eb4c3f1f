#!/usr/bin/env bash
# Quick start: install what is missing, build the web app, start Latchkey on PORT (default
# 3000) with an embedded SQLite file (default ./data/latchkey.db). Settings: the environment,
# then ./.env, read by the server itself (a dotenv parser, never this shell).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
# Builds the web app once; later starts find it in turbo's cache (a second or two).
pnpm exec turbo run build --filter=@latchkey/web --output-logs=errors-only >&2
exec bash scripts/serve.sh
