import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { deliverDueMessages } from "../src/lib/delivery/deliverDueMessages";
import { startDeliveryWorker } from "../src/lib/delivery/startDeliveryWorker";
import { scrubCodes } from "../src/lib/delivery/templates";
import { createHarness } from "./harness";
import { seedWorld } from "./activationFixtures";
import { captureLog, outboxRow, queueMessage } from "./deliveryFixtures";
import { testTables } from "@latchkey/db/testing";

const { outboxMessages } = testTables();

describe("the log provider", () => {
  const h = createHarness();

  it("marks the message sent, keeps the body for the mailbox and never writes the code to the process log", async () => {
    const lines = captureLog(h);
    const w = await seedWorld(h, "Log");
    const { code } = await w.api.workplaces.generateActivationCode({
      guid: w.workplace.guid,
      employeeGuid: w.employee.guid,
      sendSms: true,
    });
    const emailId = await queueMessage(h, w.org.guid, w.employee.guid, {
      channel: "email",
      body: `Your reset code is ${code.split("").reverse().join("")}`,
    });
    const report = await deliverDueMessages(h.services);
    expect(report).toEqual({ claimed: 2, sent: 2, retrying: 0, failed: 0 });
    const msgs = await h.db.select().from(outboxMessages).where(eq(outboxMessages.orgGuid, w.org.guid));
    expect(msgs.map((m) => [m.status, m.provider, m.attempts, m.scrubbed])).toEqual([
      ["sent", "log", 1, false],
      ["sent", "log", 1, false],
    ]);
    expect(msgs[0]!.body).toContain(code);
    expect((await outboxRow(h, emailId)).sentAt).toBe(h.clock.now());
    const log = lines.join("");
    expect(lines.some((l) => l.includes("delivery.logged"))).toBe(true);
    expect(log).not.toContain(code);
    expect(log).not.toContain(code.split("").reverse().join(""));
    expect(log).not.toContain(w.employee.phone);
    for (const m of msgs) expect(log).not.toContain(m.body);
    // The mailbox shows them, newest first.
    const box = await w.api.mailbox.list({});
    expect(box.items.map((m) => m.channel)).toEqual(["email", "sms"]);
    expect(box.items[1]!.body).toContain(code);
  });

  it("delivers nothing twice: a second pass finds nothing due", async () => {
    const w = await seedWorld(h, "Twice");
    await queueMessage(h, w.org.guid, w.employee.guid, { channel: "sms", body: "hello" });
    const [a, b] = await Promise.all([deliverDueMessages(h.services), deliverDueMessages(h.services)]);
    expect(a.sent + b.sent).toBe(1);
    expect((await deliverDueMessages(h.services)).claimed).toBe(0);
  });

  it("the worker drains the outbox until stopped", async () => {
    const w = await seedWorld(h, "Worker");
    const id = await queueMessage(h, w.org.guid, w.employee.guid, { channel: "sms", body: "from the worker" });
    const stop = startDeliveryWorker(h.services, { intervalMs: 1 });
    // Wait on the outcome, not on a duration: yield to the event loop until the row changes.
    for (let i = 0; i < 10_000 && (await outboxRow(h, id)).status === "pending"; i++) await new Promise((r) => setImmediate(r));
    await stop();
    expect((await outboxRow(h, id)).status).toBe("sent");
    // Stopped: new messages stay pending.
    const later = await queueMessage(h, w.org.guid, w.employee.guid, { channel: "sms", body: "after stop" });
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect((await outboxRow(h, later)).status).toBe("pending");
  });
});

describe("channels without a provider", () => {
  const h = createHarness({ LATCHKEY_EMAIL_PROVIDER: "none" });
  it("fail at once with a plain reason", async () => {
    const w = await seedWorld(h, "None");
    const id = await queueMessage(h, w.org.guid, w.employee.guid, { channel: "sms", body: "code 24681357" });
    // Queued while a provider existed, delivered after it was switched off.
    await h.services.database.transaction((tx) => tx.update(outboxMessages).set({ channel: "email" }).where(eq(outboxMessages.id, id)));
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, failed: 1 });
    expect(await outboxRow(h, id)).toMatchObject({ status: "failed", lastError: "no email provider is configured", provider: "none" });
    // Undeliverable, so the code does not stay readable in the table either.
    expect(await outboxRow(h, id)).toMatchObject({ scrubbed: true, body: "code ••••••••" });
  });
});

describe("templates", () => {
  it("scrub every 8-digit code and nothing shorter or longer", () => {
    expect(scrubCodes("code 12345678, phone +79161234567, 1234567, 87654321.")).toBe(
      "code ••••••••, phone +79161234567, 1234567, ••••••••.",
    );
  });
});
