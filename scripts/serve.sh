#!/usr/bin/env bash
# Serves Latchkey from what is already installed and built (no install, no build): what a service
# manager runs (deploy/latchkey.service). `npm start` is install + build + this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x node_modules/.bin/tsx ]; then echo "Latchkey is not installed here: run npm start (or pnpm install) first" >&2; exit 1; fi
# argon2 runs on libuv's threadpool (default 4 threads): one thread per core keeps the event loop
# from queueing behind hashes (set-password p99 at 80% load on 2 cores: 160 ms -> 90 ms, BENCHMARKS.md).
export UV_THREADPOOL_SIZE="${UV_THREADPOOL_SIZE:-$(nproc)}"
# What this script serves is a production build; the server warns about settings unfit for it.
export NODE_ENV="${NODE_ENV:-production}"
exec node_modules/.bin/tsx apps/server/src/main.ts
