// `latchkey delivery test` through real providers: an SMTP server and an SMS gateway on
// loopback. The gateway checks the signature as docs/API.md tells gateways to, and answers with
// the status each case needs.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, freePort, MAIN, ROOT, runProcess, TSX } from "./support";

const db = createTestDb();
const WEBHOOK_SECRET = "gateway-shared-secret-0123456789";

interface Mail {
  to: string[];
  data: string;
}
const mails: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith("bounce@")) return callback(Object.assign(new Error("5.1.1 no such user"), { responseCode: 550 }));
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8") });
      callback();
    });
  },
});

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}
const hits: Hit[] = [];
/** The status the gateway answers, by the last digits of the number: …200 -> 200, …503 -> 503. */
const gateway = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    const timestamp = String(req.headers["x-latchkey-timestamp"]);
    const expected = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest("hex")}`;
    const given = String(req.headers["x-latchkey-signature"]);
    const signatureValid = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    hits.push({ headers: req.headers, body, signatureValid });
    const to = (JSON.parse(body) as { to: string }).to;
    res.writeHead(signatureValid ? Number(to.slice(-3)) : 401).end();
  });
});

let smtpPort = 0;
let gatewayUrl = "";
beforeAll(async () => {
  await new Promise<void>((done) => smtp.listen(0, "127.0.0.1", done));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  await new Promise<void>((done) => gateway.listen(0, "127.0.0.1", done));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms?key=url-secret`;
  expect((await db.run("org", "list")).code).toBe(0);
});
afterAll(async () => {
  await new Promise<void>((done) => smtp.close(() => done()));
  await new Promise<void>((done) => gateway.close(() => done()));
});

function deliveryTest(settings: Record<string, string>, ...args: string[]) {
  return runProcess(TSX, [MAIN, "delivery", "test", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: db.dir, ...db.env, ...settings },
  });
}

const viaSmtp = () => ({
  LATCHKEY_EMAIL_PROVIDER: "smtp",
  SMTP_HOST: "127.0.0.1",
  SMTP_REQUIRE_TLS: "false", // a relay on this machine, without STARTTLS
  SMTP_PORT: String(smtpPort),
  SMTP_FROM: "Ops <ops@latchkey.test>",
});
const viaWebhook = () => ({
  LATCHKEY_SMS_PROVIDER: "webhook",
  LATCHKEY_SMS_WEBHOOK_URL: gatewayUrl,
  LATCHKEY_SMS_WEBHOOK_SECRET: WEBHOOK_SECRET,
});

describe("delivery test --email", () => {
  it("sends one email through the SMTP relay and prints its answer", async () => {
    const r = await deliveryTest(viaSmtp(), "--email", "ops@example.com");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^email to ops@example\\.com via smtp \\(127\\.0\\.0\\.1:${smtpPort}\\): sent\\n  SMTP 127\\.0\\.0\\.1:${smtpPort} accepted it: 250 `,
      ),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["ops@example.com"]);
    expect(mails[0]!.data).toContain("Subject: Latchkey test message");
    expect(mails[0]!.data).toContain("It carries no code.");
  });

  it("reports a refusal by the relay as permanent, and an unreachable relay as one the outbox would retry", async () => {
    const refused = await deliveryTest(viaSmtp(), "--email", "bounce@example.com", "--json");
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      channel: "email",
      recipient: "bounce@example.com",
      provider: "smtp",
      outcome: "failed",
      detail: "smtp: EENVELOPE 550",
      retried: false,
    });
    const closed = await freePort();
    const down = await deliveryTest({ ...viaSmtp(), SMTP_PORT: String(closed) }, "--email", "ops@example.com");
    expect(down.code).toBe(1);
    expect(down.stdout).toBe(
      `email to ops@example.com via smtp (127.0.0.1:${closed}): failed (the outbox would retry such a message)\n  smtp: ESOCKET\n`,
    );
  });
});

describe("delivery test --sms", () => {
  it("posts one signed message to the gateway and prints its status, never the URL's path or query", async () => {
    const r = await deliveryTest(viaWebhook(), "--sms", "+79160000200");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`sms to +79160000200 via webhook (${new URL(gatewayUrl).origin}): sent\n  the gateway answered HTTP 200\n`);
    const hit = hits.at(-1)!;
    expect(hit.signatureValid).toBe(true);
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(hit.body)).toEqual({ to: "+79160000200", body: expect.stringContaining("It carries no code."), id: "0" });
  });

  it("tells a status the outbox retries (5xx, 429, 408) from one it gives up on (other 4xx)", async () => {
    const unavailable = await deliveryTest(viaWebhook(), "--sms", "+79160000503");
    expect(unavailable).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(": failed (the outbox would retry such a message)\n  webhook: HTTP 503\n"),
    });
    const throttled = await deliveryTest(viaWebhook(), "--sms", "+79160000429");
    expect(throttled.stdout).toContain("failed (the outbox would retry such a message)\n  webhook: HTTP 429\n");
    const bad = await deliveryTest(viaWebhook(), "--sms", "+79160000400");
    expect(bad).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(": failed (permanent: the outbox would not retry it)\n  webhook: HTTP 400\n"),
    });
  });
});

describe("without a real provider", () => {
  it("says where log keeps messages (exit 0) and that none sends nothing (exit 1)", async () => {
    const log = await deliveryTest({}, "--email", "ops@example.com");
    expect(log).toMatchObject({
      code: 0,
      stdout:
        "email to ops@example.com via log: not sent\n  LATCHKEY_EMAIL_PROVIDER=log keeps messages in the console's Mailbox; nothing leaves this machine\n",
    });
    const none = await deliveryTest({ LATCHKEY_SMS_PROVIDER: "none" }, "--sms", "+79160000200");
    expect(none).toMatchObject({
      code: 1,
      stdout: "sms to +79160000200 via none: not sent\n  no sms provider: LATCHKEY_SMS_PROVIDER=none\n",
    });
  });

  it("refuses anything but exactly one well-formed recipient (exit 2)", async () => {
    const cases = [[], ["--email", "a@b.test", "--sms", "+79160000200"], ["--sms", "8-916-000"], ["--email", "nobody"]];
    const runs = await Promise.all(cases.map((args) => deliveryTest({}, ...args)));
    runs.forEach((r, i) => {
      expect(r.code, cases[i]!.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/Usage: latchkey delivery test/);
    });
  });
});
