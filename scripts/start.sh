#!/usr/bin/env bash
# Quick start: install what is missing, build the web app, start Latchkey on PORT (default
# 3000) with an embedded SQLite file (default ./data/latchkey.db). Settings: the environment,
# then ./.env, read by the server itself (a dotenv parser, never this shell).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm exec turbo run build --filter=@latchkey/web --output-logs=errors-only >&2
# argon2 runs on libuv's threadpool (default 4 threads): one thread per core keeps the event loop
# from queueing behind hashes (set-password p99 at 80% load on 2 cores: 160 ms -> 90 ms, BENCHMARKS.md).
export UV_THREADPOOL_SIZE="${UV_THREADPOOL_SIZE:-$(nproc)}"
exec pnpm exec tsx apps/server/src/main.ts
