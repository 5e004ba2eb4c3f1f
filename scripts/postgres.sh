# Sourced by test.sh: a PostgreSQL server for the suites that run on both databases. Uses the one
# LATCHKEY_TEST_POSTGRES_URL names (default: the local server, as user postgres) when it answers;
# otherwise installs Debian's package and starts a throwaway cluster, stopped when the tests end.
export LATCHKEY_TEST_POSTGRES_URL="${LATCHKEY_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
pg_answers() { node -e '
  const net = require("node:net"); const u = new URL(process.argv[1]);
  const s = net.connect(Number(u.port || 5432), u.hostname, () => { s.end(); process.exit(0); });
  s.on("error", () => process.exit(1)); setTimeout(() => process.exit(1), 3000);' "$LATCHKEY_TEST_POSTGRES_URL"; }
if ! pg_answers; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "Installing PostgreSQL for the tests that run on it" >&2
    apt_install postgresql
  fi
fi
# Debian's package may have started its own cluster on 5432: then that one serves.
if ! pg_answers; then
  pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  pg_dir=$(mktemp -d /tmp/latchkey-pg.XXXXXX)
  chown postgres "$pg_dir" 2>/dev/null || true
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p 54329 -k $pg_dir -c listen_addresses=127.0.0.1" -l "$pg_dir/log" -w start >/dev/null
  trap 'as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT
  export LATCHKEY_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:54329/postgres"
fi
