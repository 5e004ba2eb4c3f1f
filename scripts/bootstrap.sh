#!/usr/bin/env bash
# Installs whatever is missing on a fresh Debian machine with Node 20 + npm, then the
# workspace's dependencies. Sourced by start.sh and test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
# better-sqlite3 compiles from source here; node-gyp must use the local Node headers.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
apt_updated=""
apt_install() {
  command -v apt-get >/dev/null || { echo "missing: $* (install it with your package manager)" >&2; return 1; }
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A C++ toolchain and Python for node-gyp.
missing=()
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then echo "Installing build tools: ${missing[*]}" >&2; apt_install "${missing[@]}"; fi

# pnpm, pinned by the packageManager field, through corepack (shipped with Node 20).
if ! command -v pnpm >/dev/null || [ "$(pnpm --version 2>/dev/null)" != "10.34.8" ]; then
  corepack enable 2>/dev/null || as_root corepack enable
fi

if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  pnpm install --frozen-lockfile >&2
fi
