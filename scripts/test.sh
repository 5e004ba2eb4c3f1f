#!/usr/bin/env bash
# Installs what is missing (Chromium, nginx and Caddy for the tests included) and runs every check:
# format, lint, import cycles, unused code, types, the web build, and every test suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ ! -x /usr/bin/chromium ]; then echo "Installing Chromium for the browser tests" >&2; apt_install chromium; fi
# The deployment tests run deploy/ for real: nginx and Caddy in front of the server, systemd-analyze
# on the unit. Installing them may start the distribution's own nginx or Caddy service: stopped
# and disabled again, the tests start their own.
deploy_missing=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || deploy_missing+=(nginx)
command -v caddy >/dev/null || deploy_missing+=(caddy)
command -v openssl >/dev/null || deploy_missing+=(openssl)
command -v systemd-analyze >/dev/null || deploy_missing+=(systemd)
if [ ${#deploy_missing[@]} -gt 0 ]; then
  echo "Installing for the deployment tests: ${deploy_missing[*]}" >&2
  apt_install "${deploy_missing[@]}"
  if [ -d /run/systemd/system ]; then as_root systemctl disable --now nginx caddy >/dev/null 2>&1 || true; fi
fi

# PostgreSQL for the suites that run on both databases (scripts/postgres.sh).
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

pnpm exec prettier --check . --log-level warn
pnpm exec eslint . --max-warnings 0
# No import cycles, and no unused file, export or dependency (knip.json says what is an entry point).
pnpm -s check:cycles
pnpm -s check:unused
pnpm exec turbo run typecheck build --output-logs=errors-only
# Tests write to temporary or ignored folders only (docs/screenshots is `pnpm screenshots`'s): a
# run that changes what git sees (a tracked file, or a new file it would add) fails.
git_view() { git status --porcelain --untracked-files=all 2>/dev/null || true; }
before=$(git_view)
# Suites run one package at a time (2 cores; the browser and HTTP suites start real servers).
log=$(mktemp)
status=0
pnpm exec turbo run test --concurrency=1 --continue --output-logs=full 2>&1 | tee "$log" || status=$?
# The API and server suites again on PostgreSQL (packages/db's own suite covers both dialects in
# one run). Left out: the suites about packaging and deployment, which no database changes, and
# startup, which drives SQLite files of its own, and the kill -9 run for time (its four server
# starts; `pnpm crash-safety --database postgres` runs it on PostgreSQL, see docs/SCALING.md).
echo "API and server suites on PostgreSQL" >&2
export LATCHKEY_TEST_DATABASE=postgres
pnpm --filter @latchkey/api exec vitest run 2>&1 | tee -a "$log" || status=$?
pnpm --filter @latchkey/server exec vitest run --exclude test/clientPackage.test.ts --exclude "test/deploy*.test.ts" \
  --exclude test/devLoop.test.ts --exclude test/startup.test.ts --exclude test/crash.test.ts 2>&1 | tee -a "$log" || status=$?
unset LATCHKEY_TEST_DATABASE
node scripts/test-summary.mjs "$log"
rm -f "$log"
after=$(git_view)
if [ "$before" != "$after" ]; then
  echo "The tests changed files git sees (lines > are new since the start of the run):" >&2
  diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
  status=1
fi
exit "$status"
