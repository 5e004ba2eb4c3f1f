// `db copy --from <sqlite file> [--to postgres://…]`: moves a SQLite installation onto an empty
// PostgreSQL database (docs/SCALING.md). The rows are copied as they are, hashes and keyed digests
// included, so the PostgreSQL instances must run with the secret the SQLite installation had:
// the command checks what it can see and says which secret to keep, never the secret itself.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  copySqliteToPostgres,
  DatabaseCopyError,
  openDatabase,
  parseDatabaseUrl,
  redactedUrl,
  sqliteServerRunning,
  type PostgresDatabase,
} from "@latchkey/db";
import { SECRET_FILE } from "@latchkey/api";
import type { Command } from "../command";
import { req, str, UsageError } from "../command";
import { progressBar, type Progress } from "../demo/progress";

export const dbCopy: Command = {
  path: "db copy",
  summary: "Copy a SQLite database into an empty PostgreSQL database (moving an installation to PostgreSQL).",
  options: {
    from: { type: "string", value: "<sqlite file>", description: "the SQLite database to copy (a path or file:path)", required: true },
    to: { type: "string", value: "<postgres://…>", description: "the empty PostgreSQL database to fill (default: DATABASE_URL)" },
  },
  notes: [
    "Stop the server on the SQLite file first: what it writes after the copy began is not copied.",
    "The target is migrated, must hold no rows, and is filled in one transaction: a failed copy leaves it",
    "empty. Ids are kept and every sequence continues past them. The secret must stay the same: run every",
    "PostgreSQL instance with LATCHKEY_SECRET set to the secret the SQLite installation used (its",
    "latchkey.secret beside the database, unless it had LATCHKEY_SECRET), or no code, session or API token",
    "copied is accepted.",
  ],
  async run(ctx, v) {
    const from = parseDatabaseUrl(req(v, "from"));
    if (from.dialect !== "sqlite") throw new UsageError("--from must name a SQLite file (path or file:path)");
    if (!existsSync(from.path)) throw new DatabaseCopyError(`there is no database at ${from.path}`);
    if (sqliteServerRunning(from.path))
      throw new DatabaseCopyError(`a Latchkey server is running on ${from.path}: stop it first, or what it writes during the copy is lost`);
    const config = ctx.config();
    const to = parseDatabaseUrl(str(v, "to") ?? config.DATABASE_URL);
    if (to.dialect !== "postgres") throw new UsageError("name the PostgreSQL database with --to postgres://… (or DATABASE_URL)");

    // The secret: what a PostgreSQL instance needs, since it has no file beside a database.
    const secretFile = join(dirname(from.path), SECRET_FILE);
    const fileSecret = existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : null;
    if (fileSecret !== null && config.LATCHKEY_SECRET && config.LATCHKEY_SECRET !== fileSecret)
      throw new DatabaseCopyError(
        `LATCHKEY_SECRET is not the secret of ${from.path} (${secretFile}); the copy would accept none of its codes, sessions or tokens: set LATCHKEY_SECRET to that file's content`,
      );
    const secret =
      fileSecret !== null && !config.LATCHKEY_SECRET
        ? { keep: SECRET_FILE, advice: `set LATCHKEY_SECRET on every instance to the content of ${secretFile}` }
        : { keep: "LATCHKEY_SECRET", advice: "keep the same LATCHKEY_SECRET on every instance" };

    const target = (await openDatabase(to.url, { poolSize: 1 })) as PostgresDatabase;
    const bars = new Map<string, Progress>();
    let report;
    try {
      report = await copySqliteToPostgres(from.path, target, {
        progress: (table, done, total) => {
          let bar = bars.get(table);
          if (!bar) bars.set(table, (bar = progressBar(ctx.io, table, total)));
          bar.update(done);
          if (done >= total) bar.done();
        },
      });
    } finally {
      await target.close();
    }
    const copied = Object.values(report.rows).reduce((a, b) => a + b, 0) - report.rows.auditDailyCounts;
    const where = redactedUrl(to.url);
    return {
      json: { source: from.path, target: where, rows: report.rows, nextIds: report.nextIds, secret },
      human: [
        `Copied ${from.path} to ${where}: ${copied} rows in one transaction`,
        ...Object.entries(report.rows).map(
          ([t, n]) => `  ${t.padEnd(20)} ${n}${t === "auditDailyCounts" ? " (rebuilt from the events)" : ""}`,
        ),
        "  sequences            continue past the copied ids",
        `  secret               unchanged: ${secret.advice}`,
        "Next: set DATABASE_URL to the PostgreSQL database on every instance and start them (docs/SCALING.md).",
      ].join("\n"),
    };
  },
};
