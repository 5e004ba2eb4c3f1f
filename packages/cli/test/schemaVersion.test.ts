// An old binary meeting a database a newer version migrated: the server and the CLI refuse to
// start with one line saying what happened and what to do, and change nothing.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import Sqlite from "better-sqlite3";
import { sqliteSchemaStatus, sqlitePathOf } from "@latchkey/db";
import { createTestDb, ROOT, runProcess, TSX } from "./support";

const db = createTestDb();

describe("a database migrated by a newer version", () => {
  it("stops the server and the CLI with a clear line", async () => {
    expect((await db.run("org", "list")).code).toBe(0);
    const file = new Sqlite(sqlitePathOf(db.env.DATABASE_URL!)!);
    file.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('newer', 4102444800000)").run();
    const { applied, known, newestKnown } = sqliteSchemaStatus(file);
    file.close();
    const line = `the database was migrated by a newer version of Latchkey (${applied} migrations applied; this version knows ${known}, up to ${newestKnown}). Run the newer version, or restore the backup taken before the upgrade.`;

    const cli = await db.run("org", "list");
    expect(cli).toMatchObject({ code: 1, stdout: "", stderr: `latchkey: ${line}\n` });

    const server = await runProcess(TSX, [join(ROOT, "apps", "server", "src", "main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: db.dir, ...db.env, PORT: "0", LATCHKEY_WEB: "false" },
    });
    expect(server).toMatchObject({ code: 1, stdout: "", stderr: `Latchkey failed to start: ${line}\n` });

    const after = new Sqlite(sqlitePathOf(db.env.DATABASE_URL!)!, { readonly: true });
    expect(sqliteSchemaStatus(after)).toMatchObject({ state: "ahead", applied });
    after.close();
  });
});
