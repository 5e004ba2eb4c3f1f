// `cp .env.example .env`, edited, configures the server and every CLI command alike: both
// processes are started in a directory whose only configuration is that `.env` (an otherwise
// empty environment), and a token the CLI creates works against the server. Both read one
// database (not ./data) with one secret (not a generated latchkey.secret).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, MAIN, ROOT, runProcess, startServerProcess, TSX, type TestServer } from "./support";

const dir = mkdtempSync(join(tmpdir(), "latchkey-dotenv-"));
const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir };
let server: (TestServer & { close(): Promise<void> }) | undefined;

/** .env.example with the given settings changed in place: the rest of the file is used as shipped. */
function exampleWith(settings: Record<string, string>): string {
  let text = readFileSync(join(ROOT, ".env.example"), "utf8");
  for (const [name, value] of Object.entries(settings)) {
    const line = new RegExp(`^${name}=.*$`, "m");
    if (!line.test(text)) throw new Error(`.env.example has no ${name}`);
    text = text.replace(line, `${name}=${value}`);
  }
  return text;
}

beforeAll(async () => {
  const port = await freePort();
  writeFileSync(
    join(dir, ".env"),
    exampleWith({
      PORT: String(port),
      HOST: "127.0.0.1",
      LATCHKEY_WEB: "false",
      DATABASE_URL: "file:./state/acme.db",
      LATCHKEY_SECRET: `"${"envfile-Secret-9Zq8LmWx2vRk3pTn6bYc4dFg7jHs5NaP"}"`,
      LATCHKEY_HASH_MEMORY_KIB: "8192",
      LATCHKEY_HASH_ITERATIONS: "1",
    }),
  );
  // The CLI first, so the file exists before two processes would race to migrate it.
  const list = await runProcess(TSX, [MAIN, "org", "list"], { cwd: dir, env });
  expect(list.code, list.stderr).toBe(0);
  server = await startServerProcess({ cwd: dir, port, env });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("one .env for the server and the CLI", () => {
  it("a token the CLI creates works against the server, on the database and with the secret .env names", async () => {
    const seeded = await runProcess(TSX, [MAIN, "demo", "seed", "--json"], { cwd: dir, env });
    expect(seeded.code, seeded.stderr).toBe(0);
    const seed = JSON.parse(seeded.stdout) as { org: { guid: string }; tokens: { admin: string } };
    const { status, body } = await server!.query("organizations.current", seed.tokens.admin);
    expect(status).toBe(200);
    expect(body.result?.data).toMatchObject({ guid: seed.org.guid });

    const created = await runProcess(TSX, [MAIN, "token", "create", "--org", seed.org.guid, "--scopes", "admin", "--json"], {
      cwd: dir,
      env,
    });
    expect(created.code, created.stderr).toBe(0);
    const token = (JSON.parse(created.stdout) as { token: string }).token;
    expect((await server!.query("employees.list", token, {})).status).toBe(200);

    expect(existsSync(join(dir, "state", "acme.db"))).toBe(true);
    expect(existsSync(join(dir, "data"))).toBe(false);
    expect(existsSync(join(dir, "state", "latchkey.secret"))).toBe(false);
  });

  it("a bad .env stops the CLI with every problem listed, and the environment still wins over the file", async () => {
    mkdirSync(join(dir, "bad"));
    writeFileSync(join(dir, "bad", ".env"), "PORT=http\nLATCHKEY_EMAIL_PROVIDER=smtp\n");
    const bad = await runProcess(TSX, [MAIN, "org", "list"], { cwd: join(dir, "bad"), env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      "latchkey: Invalid configuration:\n  - PORT must be a whole number (in .env)\n  - SMTP_HOST is required when LATCHKEY_EMAIL_PROVIDER=smtp\nSee .env.example for every setting.\n",
    );
    const fixed = await runProcess(TSX, [MAIN, "org", "list"], {
      cwd: join(dir, "bad"),
      env: { ...env, PORT: "3000", LATCHKEY_EMAIL_PROVIDER: "log", DATABASE_URL: `file:${join(dir, "bad.db")}` },
    });
    expect(fixed.code, fixed.stderr).toBe(0);
  });
});
