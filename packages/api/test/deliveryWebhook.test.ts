import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { CLAIM_LEASE_MS, deliverDueMessages } from "../src/lib/delivery/deliverDueMessages";
import { createHarness } from "./harness";
import { seedWorld } from "./activationFixtures";
import { scrubCodes } from "../src/lib/delivery/templates";
import { captureLog, outboxRow, queueMessage } from "./deliveryFixtures";
import { testTables } from "@latchkey/db/testing";

const { outboxMessages } = testTables();

const SECRET = "webhook-secret-0123456789abcdef";

interface Hit {
  headers: IncomingMessage["headers"];
  raw: string;
  signatureOk: boolean;
}

// A local SMS gateway: checks the signature the way a real one would, answers with `status`.
const hits: Hit[] = [];
let status = 200;
const gateway = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    // What a gateway verifies: the signature covers the timestamp header and the raw body.
    const signed = `${String(req.headers["x-latchkey-timestamp"] ?? "")}.${raw}`;
    const expected = Buffer.from(`sha256=${createHmac("sha256", SECRET).update(signed).digest("hex")}`);
    const given = Buffer.from(String(req.headers["x-latchkey-signature"] ?? ""));
    const signatureOk = expected.length === given.length && timingSafeEqual(expected, given);
    hits.push({ headers: req.headers, raw, signatureOk });
    res.statusCode = signatureOk ? status : 401;
    res.end(status === 200 ? '{"ok":true}' : "gateway unavailable 12345678");
  });
});
await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms?token=url-secret`;
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

const h = createHarness({
  LATCHKEY_SMS_PROVIDER: "webhook",
  LATCHKEY_SMS_WEBHOOK_URL: url,
  LATCHKEY_SMS_WEBHOOK_SECRET: SECRET,
  LATCHKEY_DELIVERY_MAX_ATTEMPTS: "3",
});

const smsRows = async (orgGuid: string) => await h.db.select().from(outboxMessages).where(eq(outboxMessages.orgGuid, orgGuid));

describe("the webhook provider", () => {
  it("posts {to, body, id} signed with HMAC-SHA-256 of the raw body, then scrubs the stored code", async () => {
    status = 200;
    const w = await seedWorld(h, "Hook");
    const { code } = await w.api.workplaces.generateActivationCode({
      guid: w.workplace.guid,
      employeeGuid: w.employee.guid,
      sendSms: true,
    });
    const [queued] = await smsRows(w.org.guid);
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, sent: 1 });
    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    expect(hit.signatureOk).toBe(true);
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(hit.headers["x-latchkey-timestamp"]).toBe(String(Math.floor(h.clock.now() / 1000)));
    expect(JSON.parse(hit.raw)).toEqual({ to: w.employee.phone, body: queued!.body, id: String(queued!.id) });
    expect(hit.raw).toContain(code);
    const row = await outboxRow(h, queued!.id);
    expect(row).toMatchObject({ status: "sent", provider: "webhook", scrubbed: true });
    expect(row.body).not.toContain(code);
    expect(row.body).toContain("••••••••");
    expect(row.body).toContain(w.workplace.name);
    // The code still works: scrubbing only touched the stored copy of the message.
    expect((await h.anonymous({ ip: "192.0.2.50" }).auth.activateWorkplace({ code })).workplace.guid).toBe(w.workplace.guid);
  });

  it("when the gateway is down: retries with growing backoff, then fails; no code or secret in last_error or the log", async () => {
    status = 503;
    const lines = captureLog(h);
    const w = await seedWorld(h, "HookDown");
    const { code } = await w.api.workplaces.generateActivationCode({
      guid: w.workplace.guid,
      employeeGuid: w.employee.guid,
      sendSms: true,
    });
    const id = (await smsRows(w.org.guid))[0]!.id;
    const before = hits.length;

    const t0 = h.clock.now();
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, retrying: 1 });
    let row = await outboxRow(h, id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "webhook: HTTP 503" });
    // First retry after 50-100 % of 30 s; nothing is due before that.
    expect(row.nextAttemptAt - t0).toBeGreaterThanOrEqual(15_000);
    expect(row.nextAttemptAt - t0).toBeLessThanOrEqual(30_000);
    expect((await deliverDueMessages(h.services)).claimed).toBe(0);

    h.clock.set(row.nextAttemptAt);
    const t1 = h.clock.now();
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, retrying: 1 });
    row = await outboxRow(h, id);
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt - t1).toBeGreaterThanOrEqual(30_000);
    expect(row.nextAttemptAt - t1).toBeLessThanOrEqual(60_000);

    h.clock.set(row.nextAttemptAt);
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, failed: 1 });
    row = await outboxRow(h, id);
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "webhook: HTTP 503", scrubbed: true });
    expect(row.body).not.toContain(code);
    expect(hits.length - before).toBe(3);
    expect(hits.slice(before).every((x) => x.signatureOk)).toBe(true);

    // Failed stays failed.
    h.clock.advance(24 * 3600_000);
    expect((await deliverDueMessages(h.services)).claimed).toBe(0);
    const log = lines.join("");
    expect(log).toContain("delivery.failed");
    for (const secret of [code, SECRET, "url-secret"]) {
      expect(log).not.toContain(secret);
      expect(JSON.stringify((await smsRows(w.org.guid)).map((m) => m.lastError))).not.toContain(secret);
    }
  });

  it("a message given up on keeps no code at rest, after a final error or the last attempt, and the worker logs none", async () => {
    const lines = captureLog(h);
    const w = await seedWorld(h, "GiveUp");
    // A final error at once: the gateway refuses the request.
    status = 400;
    const { code } = await w.api.workplaces.generateActivationCode({
      guid: w.workplace.guid,
      employeeGuid: w.employee.guid,
      sendSms: true,
    });
    const refused = (await smsRows(w.org.guid))[0]!;
    // The control: the queued copy held the code, so the scrub below is not vacuous.
    expect(refused.body).toContain(code);
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, failed: 1 });
    // The last attempt: the gateway stays down, with the code in the subject as well.
    status = 503;
    const resetCode = code === "31415926" ? "27182818" : "31415926";
    const exhausted = await queueMessage(h, w.org.guid, w.employee.guid, {
      channel: "sms",
      subject: `Code ${resetCode}`,
      body: `Your password reset code is ${resetCode}. It is valid for 1 hour.`,
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await outboxRow(h, exhausted)).body).toContain(resetCode); // kept while a retry may still send it
      h.clock.set(Math.max(h.clock.now(), (await outboxRow(h, exhausted)).nextAttemptAt));
      expect(await deliverDueMessages(h.services)).toMatchObject(attempt < 3 ? { retrying: 1 } : { failed: 1 });
    }

    const rows = [await outboxRow(h, refused.id), await outboxRow(h, exhausted)];
    expect(rows.map((r) => [r.status, r.attempts, r.lastError, r.scrubbed])).toEqual([
      ["failed", 1, "webhook: HTTP 400", true],
      ["failed", 3, "webhook: HTTP 503", true],
    ]);
    expect(rows[0]!.body).toBe(scrubCodes(refused.body));
    expect(rows[0]!.body).toContain(w.workplace.name);
    expect(rows[1]).toMatchObject({
      subject: "Code ••••••••",
      body: "Your password reset code is ••••••••. It is valid for 1 hour.",
    });
    // Nowhere in the table, and nowhere in what the worker logged about either message.
    const table = JSON.stringify(await smsRows(w.org.guid));
    const log = lines.join("");
    expect(lines.filter((l) => l.includes("delivery.failed"))).toHaveLength(2);
    expect(lines.filter((l) => l.includes("delivery.retry"))).toHaveLength(2);
    for (const secret of [code, resetCode]) {
      expect(table).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });

  it("a client error of the gateway is final at once", async () => {
    status = 400;
    const w = await seedWorld(h, "HookBad");
    await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid, sendSms: true });
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, failed: 1 });
    expect((await smsRows(w.org.guid))[0]).toMatchObject({ status: "failed", attempts: 1, lastError: "webhook: HTTP 400" });
  });

  it("a claim left by a crashed worker is picked up again after its lease", async () => {
    status = 200;
    const w = await seedWorld(h, "Lease");
    await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid, sendSms: true });
    const id = (await smsRows(w.org.guid))[0]!.id;
    // What a claim looks like when its worker died before recording the outcome.
    const now = h.clock.now();
    await h.services.database.transaction((tx) =>
      tx
        .update(outboxMessages)
        .set({ attempts: 1, nextAttemptAt: now + CLAIM_LEASE_MS, provider: "webhook" })
        .where(eq(outboxMessages.id, id)),
    );
    expect((await deliverDueMessages(h.services)).claimed).toBe(0);
    h.clock.advance(CLAIM_LEASE_MS);
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await outboxRow(h, id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});
