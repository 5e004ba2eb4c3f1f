// `backup <file>`: a consistent copy of the configured database and its secret, while the server
// runs: a SQLite file, or on PostgreSQL a pg_dump archive (custom format, for pg_restore).
import { backupDatabase } from "../backup/backupDatabase";
import type { Command } from "../command";
import { req } from "../command";

const MB = 1024 * 1024;

export const backup: Command = {
  path: "backup",
  summary: "Copy the database (consistently, while the server runs) and its secret to a backup file.",
  positionals: [{ name: "file", description: "the backup to write; the secret goes beside it as <file>.secret" }],
  options: {
    force: { type: "boolean", description: "replace an existing backup of that name" },
    "without-secret": { type: "boolean", description: "leave the secret out (when LATCHKEY_SECRET is kept elsewhere)" },
  },
  notes: [
    "On SQLite the copy is one SQLite file, a single point in time, checked with SQLite's integrity check.",
    "On PostgreSQL it is pg_dump's custom format (pg_dump must be installed: Debian postgresql-client), one",
    "snapshot, checked with pg_restore --list; restore it with pg_restore into an empty database.",
    "Both files are owner-only; keep them where only operators can read them (with the secret,",
    "one-time codes in the copy can be guessed offline). To restore SQLite: stop Latchkey, put the file",
    "where DATABASE_URL points (removing any -wal and -shm files beside it), the secret as",
    "latchkey.secret beside it (or in LATCHKEY_SECRET), and start (docs/OPERATIONS.md).",
  ],
  async run(ctx, v) {
    const result = await backupDatabase(
      ctx.config(),
      req(v, "file"),
      { force: v.force === true, withoutSecret: v["without-secret"] === true },
      ctx.io.env,
    );
    const { database: d, secret } = result;
    const size = d.bytes >= MB ? `${(d.bytes / MB).toFixed(1)} MB` : `${Math.ceil(d.bytes / 1024)} kB`;
    const check = d.dialect === "sqlite" ? "integrity check ok" : "pg_dump custom format, pg_restore reads it";
    return {
      json: result,
      human: [
        `Backup written: ${d.path} (${size}), a consistent copy of ${d.source}`,
        `  holds      ${d.counts.organizations} organizations, ${d.counts.employees} employees, ${d.counts.auditEvents} audit events`,
        `  schema     ${d.schema.applied} migrations applied (${d.schema.state}); ${check}`,
        secret
          ? `  secret     ${secret.path} (from ${secret.from}): keep it with the backup, owner-only`
          : "  secret     left out: a restore needs the same LATCHKEY_SECRET",
      ].join("\n"),
    };
  },
};
