#!/usr/bin/env bash
# Development loop: installs what is missing, then serves the web app in Next's development mode
# (hot reload) and the APIs on PORT (default 3000), with the development database ./data-dev
# (demo data on its first start). apps/server/src/dev.ts says more; CONTRIBUTING.md has the loop.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
# tsx watch restarts the process when a file it imported changes (the APIs, the core, the
# database layer) and when a migration is added, which nothing imports (the restart applies it).
# It skips dot files and directories (so .env: restart by hand after editing it) and node_modules,
# so Next's output in apps/web/.next never restarts it; Next watches the web app's files itself.
exec node_modules/.bin/tsx watch --clear-screen=false --include "packages/db/drizzle/**" apps/server/src/dev.ts
