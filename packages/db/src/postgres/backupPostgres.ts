// A consistent copy of a live PostgreSQL database: pg_dump's custom format (what pg_restore
// reads). This process opens a read-only REPEATABLE READ transaction, exports its snapshot and
// counts in it, and pg_dump dumps that same snapshot, so the counts reported are the dump's own.
// pg_dump gets the connection through libpq's environment variables (PGPASSWORD…), never on its
// command line, which every user of the machine can read with `ps`.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import pg from "pg";
import type { SqliteCopy } from "../sqlite/backupSqlite";
import { postgresSchemaStatus } from "./migratePostgres";

/** The same report as SQLite's: the schema and the rows worth showing. */
export type PostgresCopy = SqliteCopy;

const COUNTED: Record<keyof PostgresCopy["counts"], string> = {
  organizations: "SELECT count(*) AS n FROM organizations WHERE NOT system",
  employees: "SELECT count(*) AS n FROM employees WHERE NOT instance_admin",
  auditEvents: "SELECT count(*) AS n FROM audit_events",
};

/** URL parameters libpq also reads from the environment. */
const PARAMETERS: Record<string, string> = {
  host: "PGHOST",
  port: "PGPORT",
  user: "PGUSER",
  password: "PGPASSWORD",
  dbname: "PGDATABASE",
  sslmode: "PGSSLMODE",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  sslrootcert: "PGSSLROOTCERT",
  application_name: "PGAPPNAME",
  connect_timeout: "PGCONNECT_TIMEOUT",
  options: "PGOPTIONS",
  target_session_attrs: "PGTARGETSESSIONATTRS",
};

/** The environment pg_dump and pg_restore run in: `base` without its PG* variables, plus the URL's connection. */
function clientEnv(url: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // Asserted: where Next's typings are loaded (the web app's typecheck), ProcessEnv requires NODE_ENV.
  const env = Object.fromEntries(Object.entries(base).filter(([name]) => !name.startsWith("PG"))) as NodeJS.ProcessEnv;
  const u = new URL(url);
  const host = decodeURIComponent(u.hostname.replace(/^\[(.*)\]$/, "$1"));
  if (host) env.PGHOST = host;
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (database) env.PGDATABASE = database;
  for (const [name, value] of u.searchParams) {
    const variable = PARAMETERS[name];
    if (variable) env[variable] = value;
  }
  return env;
}

/** Runs one of PostgreSQL's client programs to its end; its last words of stderr are the error. */
function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString("utf8")).slice(-4000)));
    child.on("error", (err: NodeJS.ErrnoException) =>
      fail(
        err.code === "ENOENT"
          ? new Error(
              `${program} is not installed (or not on PATH): install PostgreSQL's client programs of the server's major version or newer (Debian, Ubuntu: apt-get install postgresql-client)`,
            )
          : err,
      ),
    );
    child.on("close", (code) => {
      if (code === 0) return done();
      const said = stderr.trim().split("\n").filter(Boolean).at(-1) ?? `exit code ${code}`;
      fail(new Error(`${program}: ${said.replace(/^pg_(dump|restore): (error: )?/, "")}`));
    });
  });
}

/**
 * Dumps the database at `url` into `target` (a new file, owner-only), then checks that pg_restore
 * can read it. `env` supplies PATH (where pg_dump is found) and HOME (~/.pgpass, client certificates).
 */
export async function backupPostgres(url: string, target: string, env: NodeJS.ProcessEnv): Promise<PostgresCopy> {
  const childEnv = clientEnv(url, env);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: "latchkey backup" });
  client.on("error", () => {}); // a dropped connection fails the query in flight, which says so
  await client.connect();
  let copy: PostgresCopy;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    const counts = {} as PostgresCopy["counts"];
    for (const [name, query] of Object.entries(COUNTED) as [keyof PostgresCopy["counts"], string][])
      counts[name] = Number((await client.query<{ n: string | number }>(query)).rows[0]!.n);
    copy = { schema: await postgresSchemaStatus(client), counts };
    // Created empty and owner-only first: pg_dump keeps the mode of the file it writes into.
    writeFileSync(target, "", { mode: 0o600, flag: "wx" });
    await run("pg_dump", ["--format=custom", "--no-password", `--snapshot=${rows[0]!.id}`, `--file=${target}`], childEnv);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  await run("pg_restore", ["--list", target], childEnv);
  return copy;
}
