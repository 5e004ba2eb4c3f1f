// Canaries: unique passwords and codes sent through every REST family and /api/trpc, on
// success and failure paths, with real SMTP and webhook delivery. None may show up in the
// process log, the audit log, the outbox after delivery, any other table, or any error body.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { deliverDueMessages } from "@latchkey/api";
import { closeProviders } from "../../../packages/api/src/lib/delivery/providers";
import { afterCooldown, useServer } from "./useServer";

const inbox: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      inbox.push(Buffer.concat(chunks).toString("utf8"));
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smsSent: string[] = [];
const gateway = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    smsSent.push(Buffer.concat(chunks).toString("utf8"));
    res.writeHead(200).end("{}");
  });
});
await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

const t = useServer({
  LATCHKEY_EMAIL_PROVIDER: "smtp",
  SMTP_HOST: "127.0.0.1",
  SMTP_REQUIRE_TLS: "false", // a relay on this machine, without STARTTLS
  SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
  LATCHKEY_SMS_PROVIDER: "webhook",
  LATCHKEY_SMS_WEBHOOK_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
  LATCHKEY_SMS_WEBHOOK_SECRET: "w".repeat(32),
});
afterAll(() => closeProviders(t.services));

let n = 0;
/** A password no one else would ever send: random, long, and easy to find anywhere it leaks. */
const canary = () => `Cnry-${(n += 1)}-${crypto.randomUUID().slice(0, 13)}-Zq`;
const lastCode = (texts: string[]) => [...texts.join("\n").matchAll(/(?<!\d)(\d{8})(?!\d)/g)].map((m) => m[1]!).at(-1)!;
const randomCode = (avoid: string[]) => {
  for (;;) {
    const c = String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
    if (!avoid.includes(c)) return c;
  }
};

describe("canaries", () => {
  it("no password or code sent through any surface leaks into logs, tables, the delivered outbox or error bodies", async () => {
    const w = t.world;
    const secrets: string[] = [];
    const okBodies: string[] = [];
    const errorBodies: string[] = [];
    const same = { origin: t.url, "sec-fetch-site": "same-origin" };
    const req = async (method: string, path: string, opts: Parameters<typeof t.call>[2] = {}, expected?: number) => {
      const res = await t.call(method, path, opts);
      const text = await res.text();
      (res.status < 300 ? okBodies : errorBodies).push(text);
      if (expected !== undefined) expect({ path, status: res.status, text }).toEqual({ path, status: expected, text });
      return { res, text };
    };
    const pw = () => {
      const p = canary();
      secrets.push(p);
      return p;
    };
    const [e0, e1, e2, e3, e4] = w.employees as [typeof w.admin, typeof w.admin, typeof w.admin, typeof w.admin, typeof w.admin];

    // ZITADEL: v1 admin set, v2 with the current password (right and wrong), v2 admin set.
    const p1 = pw();
    await req("POST", `/management/v1/users/${e0.guid}/password`, { body: { password: p1, noChangeRequired: true } }, 200);
    const p2 = pw();
    await req("POST", `/v2/users/${e0.guid}/password`, { body: { newPassword: { password: p2 }, currentPassword: p1 } }, 200);
    await req("POST", `/v2/users/${e0.guid}/password`, { body: { newPassword: { password: pw() }, currentPassword: pw() } }, 400);
    await req("POST", `/v2/users/${e1.guid}/password`, { body: { newPassword: { password: pw(), changeRequired: false } } }, 200);
    // Refused by the policy (the organization's name inside; too long for ZITADEL): the error must not quote it.
    await req("POST", `/management/v1/users/${e3.guid}/password`, { body: { password: `${pw()}-acme` } }, 400);
    await req("POST", `/management/v1/users/${e3.guid}/password`, { body: { password: `${pw()}${"x".repeat(80)}` } }, 400);

    // Expenses: JSON, XML and form bodies; a short one is refused.
    await req("PATCH", `/Employees/${e1.id}/ChangePassword`, { body: JSON.stringify(pw()) }, 200);
    await req(
      "PATCH",
      `/Employees/${e1.id}/ChangePassword`,
      {
        body: `<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">${pw()}</string>`,
        headers: { "content-type": "text/xml", accept: "application/xml" },
      },
      200,
    );
    await req(
      "PATCH",
      `/Employees/${e1.id}/ChangePassword`,
      { body: `newPassword=${encodeURIComponent(pw())}`, headers: { "content-type": "application/x-www-form-urlencoded" } },
      200,
    );
    const short = `Q${(n += 1)}z`;
    secrets.push(short);
    await req("PATCH", `/Employees/${e1.id}/ChangePassword`, { body: JSON.stringify(short) }, 400);

    // tRPC: admin set, sign-in (right and wrong), self-service change, public reset completion.
    const p6 = pw();
    await req("POST", "/api/trpc/employees.setPassword", { body: { guid: e2.guid, password: p6, changeRequired: false } }, 200);
    await req("POST", "/api/trpc/auth.signIn", { token: null, body: { login: e2.email, password: pw() } }, 401);
    const signIn = await t.call("POST", "/api/trpc/auth.signIn", { token: null, body: { login: e2.email, password: p6 }, headers: same });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    await req(
      "POST",
      "/api/trpc/me.changePassword",
      { token: null, body: { currentPassword: pw(), newPassword: pw() }, headers: { cookie, ...same } },
      400,
    );
    await req(
      "POST",
      "/api/trpc/me.changePassword",
      { token: null, body: { currentPassword: p6, newPassword: pw() }, headers: { cookie, ...same } },
      200,
    );

    // Reset codes: returned (ZITADEL), sent by SMS (LIFE POS) and by email (F5), each completed another way.
    const returned = await req("POST", `/v2/users/${e3.guid}/password_reset`, { body: { returnCode: {} } }, 200);
    const c1 = (JSON.parse(returned.text) as { verificationCode: string }).verificationCode;
    const wrong1 = randomCode([c1]);
    secrets.push(c1, wrong1);
    await req("POST", `/v2/users/${e3.guid}/password`, { body: { newPassword: { password: pw() }, verificationCode: wrong1 } }, 400);
    await req("POST", `/v2/users/${e3.guid}/password`, { body: { newPassword: { password: pw() }, verificationCode: c1 } }, 200);

    await req("POST", `/orgs/${w.org.guid}/employees/${e4.guid}:reset-password`, {}, 204);
    await deliverDueMessages(t.services);
    const c2 = await lastCode(smsSent);
    secrets.push(c2);
    await req(
      "POST",
      "/api/trpc/auth.completePasswordReset",
      { token: null, body: { login: e4.email, code: randomCode([c2]), newPassword: pw() } },
      400,
    );
    await req("POST", "/api/trpc/auth.completePasswordReset", { token: null, body: { login: e4.email, code: c2, newPassword: pw() } }, 200);

    await req("POST", "/api/web/custom/password/admin_reset", { body: { email: w.noPhone.email } }, 200);
    await deliverDueMessages(t.services);
    const c3 = await lastCode(inbox);
    secrets.push(c3);
    await req("POST", `/v2/users/${w.noPhone.guid}/password`, { body: { newPassword: { password: pw() }, verificationCode: c3 } }, 200);

    // Activation codes: returned (LIFE POS, tRPC, replayed by Idempotency-Key), sent by SMS, redeemed, reused, guessed.
    const gen = (wp: string, who: string, extra: object = {}, headers: Record<string, string> = {}) =>
      req(
        "POST",
        `/orgs/${w.org.guid}/workplaces/${wp}:generate-activation-code`,
        { body: { employee: { guid: who, type_of: "Employee" }, ...extra }, headers },
        200,
      );
    const a1 = (JSON.parse((await gen(w.workplaces[0]!.guid, e0.guid)).text) as { activation_code: string }).activation_code;
    secrets.push(a1);
    await req("POST", "/auth/activate-workplace", { token: null, body: { activation_code: a1 } }, 200);
    await req("POST", "/auth/activate-workplace", { token: null, body: { activation_code: a1 } }, 401);
    afterCooldown(t);
    await gen(w.workplaces[1]!.guid, e1.guid, { send_sms: true });
    await deliverDueMessages(t.services);
    const a2 = await lastCode(smsSent);
    secrets.push(a2);
    await req("POST", "/api/trpc/auth.activateWorkplace", { token: null, body: { code: a2 } }, 200);
    const trpcGen = await req(
      "POST",
      "/api/trpc/workplaces.generateActivationCode",
      { body: { guid: w.workplaces[2]!.guid, employeeGuid: e2.guid } },
      200,
    );
    const a3 = (JSON.parse(trpcGen.text) as { result: { data: { code: string } } }).result.data.code;
    secrets.push(a3);
    const guess = randomCode([a3]);
    secrets.push(guess);
    await req("POST", "/auth/activate-workplace", { token: null, body: { activation_code: guess } }, 401);
    await req("POST", "/auth/activate-workplace", { token: null, body: { activation_code: a3 } }, 200);
    const key = { "idempotency-key": `canary-${crypto.randomUUID()}` };
    const a4 = (JSON.parse((await gen(w.workplaces[3]!.guid, e3.guid, {}, key)).text) as { activation_code: string }).activation_code;
    expect((JSON.parse((await gen(w.workplaces[3]!.guid, e3.guid, {}, key)).text) as { activation_code: string }).activation_code).toBe(a4);
    secrets.push(a4);
    await deliverDueMessages(t.services);

    // Every message went out through a real provider, so none keeps its code.
    const pending = (await t.sql<{ n: number }>("SELECT count(*) AS n FROM outbox_messages WHERE status <> 'sent' OR scrubbed = FALSE"))[0]!
      .n;
    expect(pending).toBe(0);
    expect(inbox.length + smsSent.length).toBeGreaterThanOrEqual(3);

    const tables = (
      await t.sql<{ name: string }>(
        t.services.database.dialect === "sqlite"
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'employees_search%'"
          : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
      )
    ).map((r) => r.name);
    const places: Record<string, string> = {
      "process log": t.logLines.join("\n"),
      "error bodies": errorBodies.join("\n"),
      ...Object.fromEntries(
        await Promise.all(tables.map(async (name) => [`table ${name}`, JSON.stringify(await t.sql(`SELECT * FROM ${name}`))])),
      ),
    };
    expect(secrets.length).toBeGreaterThan(25);
    const leaks: string[] = [];
    for (const s of secrets) for (const [where, text] of Object.entries(places)) if (text.includes(s)) leaks.push(`${s} in ${where}`);
    // Success bodies may carry a code shown once, never a password.
    for (const s of secrets.filter((x) => !/^\d{8}$/.test(x))) if (okBodies.join("\n").includes(s)) leaks.push(`${s} in a success body`);
    expect(leaks).toEqual([]);
  });
});
