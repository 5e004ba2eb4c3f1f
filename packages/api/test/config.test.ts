// Configuration: the environment over a `.env` file read by a dotenv parser, every bad value
// reported at once. (The server and the CLI agreeing through one `.env` is proved end to end in
// packages/cli/test/envFile.test.ts.)
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";
import { SECRET_RULE } from "../src/lib/serverSecret";
import { TEST_SECRET } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "latchkey-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLE = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");

let n = 0;
function envFile(text: string): string {
  const path = join(dir, `env-${++n}`);
  writeFileSync(path, text);
  return path;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig with a .env file", () => {
  it("reads .env.example unchanged: its SMTP_FROM with <…> is a value, empty values are unset", () => {
    const file = envFile(EXAMPLE.replace("DATABASE_URL=file:./data/latchkey.db", `DATABASE_URL=file:${join(dir, "example.db")}`));
    const config = loadConfig({}, { envFile: file });
    expect(config.SMTP_FROM).toBe("Latchkey <no-reply@latchkey.local>");
    expect(config.PORT).toBe(3000);
    expect(config.LATCHKEY_EMAIL_PROVIDER).toBe("log");
    expect(config.LATCHKEY_PUBLIC_URL).toBeUndefined();
    expect(config.LATCHKEY_SECRET).toBeUndefined();
    expect(config.warnings).toEqual([]);
  });

  it("lets the environment win over the file, except where the environment's value is empty", () => {
    const file = envFile(
      `PORT=4100\nHOST=127.0.0.1\nLATCHKEY_SECRET="${"file-Secret-7QxLmZ2vRk9pTw4sNb6yHc3dFg8jKe5A"}"\nexport LATCHKEY_LOG_LEVEL=warn # the console\n`,
    );
    const config = loadConfig(
      { PORT: "4200", HOST: "", LATCHKEY_SECRET: "env-Secret-3HsWq8LmZx2vRk9pTn4bYc6dFg7jKe5B" },
      { envFile: file },
    );
    expect(config.PORT).toBe(4200);
    expect(config.HOST).toBe("127.0.0.1");
    expect(config.secret.toString()).toBe("env-Secret-3HsWq8LmZx2vRk9pTn4bYc6dFg7jKe5B");
    expect(config.LATCHKEY_LOG_LEVEL).toBe("warn");
  });

  it("reads quoted and multi-line values as dotenv does, never as a shell would", () => {
    const file = envFile(
      [
        "SMTP_HOST=mail.example.com",
        'SMTP_FROM="Ops Team <ops@example.com>" # comment',
        "SMTP_PASSWORD='p$HOME`x`#1'",
        'LATCHKEY_SMS_WEBHOOK_SECRET="first-line-of-it',
        'second-line"',
        "LATCHKEY_EMAIL_PROVIDER=smtp",
      ].join("\n"),
    );
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, "quoted.db")}`, LATCHKEY_SECRET: TEST_SECRET }, { envFile: file });
    expect(config.SMTP_FROM).toBe("Ops Team <ops@example.com>");
    expect(config.SMTP_PASSWORD).toBe("p$HOME`x`#1");
    expect(config.LATCHKEY_SMS_WEBHOOK_SECRET).toBe("first-line-of-it\nsecond-line");
  });

  it("reads no file for an explicit environment unless asked, and a missing file is no error", () => {
    const config = loadConfig({ LATCHKEY_SECRET: TEST_SECRET, DATABASE_URL: `file:${join(dir, "none.db")}` });
    expect(config.PORT).toBe(3000);
    expect(loadConfig({ LATCHKEY_SECRET: TEST_SECRET }, { envFile: join(dir, "absent") }).PORT).toBe(3000);
  });

  it("warns about names in .env that are no setting", () => {
    const file = envFile("LATCHKEY_SMS_PROVDER=webhook\nSMTP_HOSTNAME=x\nNODE_OPTIONS=--max-old-space-size=512\n");
    const config = loadConfig({ LATCHKEY_SECRET: TEST_SECRET }, { envFile: file });
    expect(config.warnings).toEqual([
      `${file}: LATCHKEY_SMS_PROVDER is not a Latchkey setting (see .env.example)`,
      `${file}: SMTP_HOSTNAME is not a Latchkey setting (see .env.example)`,
    ]);
  });
});

describe("validation", () => {
  it("reports every bad value at once: malformed lines, bad values (saying which came from the file) and missing companions", () => {
    const file = envFile(
      [
        "# settings",
        "PORT=70000",
        "LATCHKEY_SMS_PROVIDER webhook",
        "LATCHKEY_EMAIL_PROVIDER=smtp",
        "LATCHKEY_ADMIN_EMAIL=root@example.com",
        "LATCHKEY_SMS_WEBHOOK_SECRET='never closed",
        "",
      ].join("\n"),
    );
    const problems = problemsOf(() =>
      loadConfig(
        { LATCHKEY_RATE_LIMIT_PER_IP: "lots", LATCHKEY_SMS_PROVIDER: "webhook", LATCHKEY_PUBLIC_URL: "ftp://x" },
        { envFile: file },
      ),
    );
    expect(problems).toEqual([
      `${file}: line 3: expected NAME=value`,
      `${file}: a quoted value (') is never closed`,
      `PORT must be at most 65535 (in ${file})`,
      "LATCHKEY_PUBLIC_URL must be an absolute http(s) URL",
      `LATCHKEY_SMS_WEBHOOK_SECRET must be at least 16 characters (in ${file})`,
      "LATCHKEY_RATE_LIMIT_PER_IP must be a whole number",
      "SMTP_HOST is required when LATCHKEY_EMAIL_PROVIDER=smtp",
      "LATCHKEY_SMS_WEBHOOK_URL is required when LATCHKEY_SMS_PROVIDER=webhook",
      "LATCHKEY_ADMIN_EMAIL and LATCHKEY_ADMIN_PASSWORD must be given together",
    ]);
  });

  it("reports the secret file's problems with the rest, reading it only where a start would", () => {
    const data = mkdtempSync(join(dir, "data-"));
    const secret = join(data, "latchkey.secret");
    writeFileSync(secret, "Hq7vN2xL5wR9tK3mP7zB4cF6hD1gS0aYe-_UiOoWqXr\n", { mode: 0o644 });
    chmodSync(secret, 0o644);
    const databaseUrl = `file:${join(data, "latchkey.db")}`;
    expect(problemsOf(() => loadConfig({ PORT: "abc", DATABASE_URL: databaseUrl }))).toEqual([
      "PORT must be a whole number",
      `${secret} is open to group or others (mode 0644): run chmod 600 ${secret}`,
    ]);
    // LATCHKEY_SECRET replaces the file, so the file is no problem then.
    expect(problemsOf(() => loadConfig({ PORT: "abc", DATABASE_URL: databaseUrl, LATCHKEY_SECRET: "short" }))).toEqual([
      "PORT must be a whole number",
      `LATCHKEY_SECRET ${SECRET_RULE}`,
    ]);
    // A DATABASE_URL that names no file names no secret file either.
    expect(problemsOf(() => loadConfig({ PORT: "abc", DATABASE_URL: "file::memory:" }))).toEqual([
      "PORT must be a whole number",
      "DATABASE_URL must name a file; :memory: is not supported",
    ]);
    // A start refused anyway creates no secret file (nor its folder).
    const fresh = join(dir, "never-created");
    expect(problemsOf(() => loadConfig({ PORT: "abc", DATABASE_URL: `file:${join(fresh, "latchkey.db")}` }))).toEqual([
      "PORT must be a whole number",
    ]);
    expect(existsSync(fresh)).toBe(false);
  });

  it("says it in one message an operator can read", () => {
    const err = (() => {
      try {
        loadConfig({ PORT: "x", SMTP_PORT: "0" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toBe("Invalid configuration:\n  - PORT must be a whole number\n  - SMTP_PORT must be at least 1");
  });
});

describe("settings that keep codes and pages on safe channels", () => {
  const base = { DATABASE_URL: `file:${join(dir, "channels.db")}`, LATCHKEY_SECRET: TEST_SECRET };
  const webhook = (url: string, extra: Record<string, string> = {}) => ({
    ...base,
    LATCHKEY_SMS_PROVIDER: "webhook",
    LATCHKEY_SMS_WEBHOOK_URL: url,
    LATCHKEY_SMS_WEBHOOK_SECRET: "w".repeat(32),
    ...extra,
  });
  const HTTP_REFUSED =
    "LATCHKEY_SMS_WEBHOOK_URL must be https (plain http only to this machine: localhost, 127.0.0.0/8, [::1]); set LATCHKEY_SMS_WEBHOOK_ALLOW_HTTP=true to send codes over http anyway";

  it("refuses an SMS webhook over plain http to another machine, unless explicitly allowed", () => {
    for (const url of ["http://sms.example.com/send", "http://10.0.0.5:8080/sms", "http://[2001:db8::1]/sms", "http://127.example.com/sms"])
      expect(
        problemsOf(() => loadConfig(webhook(url))),
        url,
      ).toEqual([HTTP_REFUSED]);
    const allowed = loadConfig(webhook("http://sms.example.com/send", { LATCHKEY_SMS_WEBHOOK_ALLOW_HTTP: "true" }));
    expect(allowed.LATCHKEY_SMS_WEBHOOK_ALLOW_HTTP).toBe(true);
  });

  it("accepts https anywhere and plain http to this machine", () => {
    for (const url of [
      "https://sms.example.com/send",
      "http://127.0.0.1:9000/sms",
      "http://127.3.4.5/sms",
      "http://localhost/sms",
      "http://[::1]:81/sms",
    ])
      expect(loadConfig(webhook(url)).LATCHKEY_SMS_WEBHOOK_URL, url).toBe(url);
  });

  it("requires TLS of the SMTP relay unless SMTP_REQUIRE_TLS=false", () => {
    expect(loadConfig(base).SMTP_REQUIRE_TLS).toBe(true);
    expect(loadConfig({ ...base, SMTP_REQUIRE_TLS: "false" }).SMTP_REQUIRE_TLS).toBe(false);
  });

  it("reads LATCHKEY_ALLOWED_HOSTS as a list of host names, or *", () => {
    expect(loadConfig({ ...base, LATCHKEY_ALLOWED_HOSTS: " a.example , 10.0.0.5,[::1]" }).LATCHKEY_ALLOWED_HOSTS).toEqual([
      "a.example",
      "10.0.0.5",
      "[::1]",
    ]);
    expect(loadConfig({ ...base, LATCHKEY_ALLOWED_HOSTS: "*" }).LATCHKEY_ALLOWED_HOSTS).toEqual(["*"]);
    expect(problemsOf(() => loadConfig({ ...base, LATCHKEY_ALLOWED_HOSTS: "https://a.example" }))).toEqual([
      "LATCHKEY_ALLOWED_HOSTS must be a comma-separated list of host names (no ports or schemes), or *",
    ]);
  });
});
