// The server secret: weak values refuse the start with one line saying what is accepted, a
// secret file open to others is refused, and the file is created atomically even when several
// processes start at once.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";
import { SECRET_RULE } from "../src/lib/serverSecret";

const root = mkdtempSync(join(tmpdir(), "latchkey-secret-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => mkdtempSync(join(root, `d${++n}-`));
const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe("LATCHKEY_SECRET", () => {
  const withSecret = (secret: string) => () => loadConfig({ LATCHKEY_SECRET: secret, DATABASE_URL: `file:${join(root, "unused.db")}` });

  it("refuses a weak secret with one line saying exactly what is accepted", () => {
    const weak = [
      " ".repeat(40),
      "s".repeat(40),
      "ab".repeat(20),
      "0123456789".repeat(4),
      "0123456789abcdef0123456789abcdef", // 32 hex digits: 16 bytes
      "3f9c2a7be1d04856a9c3e7f21b8d6a04c5e9f1372d8b6a0e4f7c1d9b3a5e82f", // 63 hex digits
      "Jq8vN2xL5wR9tK3mP7zB4cF6hD1gS0aYe-_UiOoWqX", // 42 base64 characters
      "Hk7!pL2@", // short text
      "Mq4-Xw9-Lr2-Zt7-Pn5-Vb8-Kc3-Hd6", // 31 bytes of text
    ];
    for (const secret of weak) expect(problemsOf(withSecret(secret)), JSON.stringify(secret)).toEqual([`LATCHKEY_SECRET ${SECRET_RULE}`]);
  });

  it("accepts 64+ hex digits, 43+ base64 characters and 32+ bytes of varied text", () => {
    for (const secret of [
      "3f9c2a7be1d04856a9c3e7f21b8d6a04c5e9f1372d8b6a0e4f7c1d9b3a5e82f1",
      "Jq8vN2xL5wR9tK3mP7zB4cF6hD1gS0aYe-_UiOoWqXr",
      "Jq8vN2xL5wR9tK3mP7zB4cF6hD1gS0aYe+/UiOoWqXr=",
      "correct horse battery staple, 42 times over",
    ])
      expect(problemsOf(withSecret(secret)), secret).toEqual([]);
  });
});

describe("latchkey.secret beside the database", () => {
  const inDir = (dir: string) => () => loadConfig({ DATABASE_URL: `file:${join(dir, "latchkey.db")}` });

  it("is created once with 32 random bytes, readable by its owner only, and read back the same", () => {
    const dir = freshDir();
    const first = inDir(dir)();
    const file = join(dir, "latchkey.secret");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(inDir(dir)().secret.equals(first.secret)).toBe(true);
    expect(readdirSync(dir)).toEqual(["latchkey.secret"]);
  });

  it("refuses an empty, blank or weak file with one line naming it", () => {
    for (const content of ["", "   \n", "s".repeat(40)]) {
      const dir = freshDir();
      const file = join(dir, "latchkey.secret");
      writeFileSync(file, content, { mode: 0o600 });
      const problems = problemsOf(inDir(dir));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`${file} ${SECRET_RULE}`);
    }
  });

  it("refuses a file that group or others may read or write", () => {
    for (const mode of [0o640, 0o604, 0o620, 0o644]) {
      const dir = freshDir();
      inDir(dir)();
      const file = join(dir, "latchkey.secret");
      chmodSync(file, mode);
      expect(problemsOf(inDir(dir))).toEqual([
        `${file} is open to group or others (mode ${mode.toString(8).padStart(4, "0")}): run chmod 600 ${file}`,
      ]);
    }
  });

  it("refuses a file it cannot read with one line naming it, not a crash", () => {
    const dir = freshDir();
    const file = join(dir, "latchkey.secret");
    mkdirSync(file, { mode: 0o700 });
    expect(problemsOf(inDir(dir))).toEqual([`${file} cannot be read: EISDIR: illegal operation on a directory, read`]);
  });

  it("8 processes starting at once on a new database all get the one secret that ends up in the file (300 rounds)", async () => {
    const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
    const worker = fileURLToPath(new URL("./secretWorker.ts", import.meta.url));
    const children = Array.from({ length: 8 }, () => spawn(tsx, [worker]));
    const lines = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]());
    const next = async (i: number) => String((await lines[i]!.next()).value);
    try {
      for (let i = 0; i < 8; i++) expect(await next(i)).toBe("ready");
      for (let round = 0; round < 300; round++) {
        const dir = freshDir();
        // Everyone is waiting before anyone goes, so the creations overlap.
        for (const child of children) child.stdin.write(`go file:${join(dir, "latchkey.db")}\n`);
        const hashes = await Promise.all(children.map((_, i) => next(i)));
        const written = createHash("sha256")
          .update(readFileSync(join(dir, "latchkey.secret"), "utf8").trim())
          .digest("hex");
        expect(hashes).toEqual(Array(8).fill(written));
        expect(readdirSync(dir)).toEqual(["latchkey.secret"]);
      }
    } finally {
      for (const child of children) child.stdin.end("stop\n");
    }
  }, 120_000);
});
