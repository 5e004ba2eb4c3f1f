import { sql } from "@latchkey/db";
import { describe, expect, it } from "vitest";
import { deliverDueMessages } from "../src/lib/delivery/deliverDueMessages";
import { codeOf, createHarness } from "./harness";
import { seedWorld } from "./activationFixtures";
import { queueMessage } from "./deliveryFixtures";

describe("mailbox.list with the log provider", () => {
  const h = createHarness();

  it("lists the organization's messages newest first, with keyset pagination", async () => {
    const w = await seedWorld(h, "Box");
    const other = await seedWorld(h, "OtherBox");
    for (let i = 1; i <= 5; i++)
      await queueMessage(h, w.org.guid, w.employee.guid, { channel: i % 2 ? "sms" : "email", body: `message ${i}` });
    await queueMessage(h, other.org.guid, other.employee.guid, { channel: "sms", body: "someone else's" });
    await deliverDueMessages(h.services);
    const first = await w.api.mailbox.list({ limit: 2 });
    expect(first.channels).toEqual({ sms: { provider: "log", mailbox: true }, email: { provider: "log", mailbox: true } });
    expect(first.items.map((m) => m.body)).toEqual(["message 5", "message 4"]);
    expect(first.items[0]).toMatchObject({ channel: "sms", recipient: w.employee.phone, subject: "Your code", status: "sent" });
    expect(first.items[1]).toMatchObject({ channel: "email", recipient: w.employee.email });
    expect(first.items[0]!.createdAt).toBe(new Date(h.clock.now()).toISOString());
    const second = await w.api.mailbox.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((m) => m.body)).toEqual(["message 3", "message 2"]);
    const third = await w.api.mailbox.list({ limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((m) => m.body)).toEqual(["message 1"]);
    expect(third.nextCursor).toBeNull();
    const sms = await w.api.mailbox.list({ channel: "sms" });
    expect(sms.items.map((m) => m.body)).toEqual(["message 5", "message 3", "message 1"]);
    // Pending messages show too, with their status.
    await queueMessage(h, w.org.guid, w.employee.guid, { channel: "sms", body: "not yet" });
    expect((await w.api.mailbox.list({ limit: 1 })).items[0]).toMatchObject({ body: "not yet", status: "pending" });
  });

  it("leaves out messages a real provider took before the channel was switched to log", async () => {
    const w = await seedWorld(h, "Switched");
    await queueMessage(h, w.org.guid, w.employee.guid, { channel: "email", body: "delivered by smtp, code 12345678" });
    // As the worker records a claim by the SMTP provider (the channel's provider back then).
    await h.services.database.transaction((tx) =>
      h.services.database.rows(tx, sql`UPDATE outbox_messages SET provider = 'smtp', status = 'sent' WHERE body LIKE 'delivered by smtp%'`),
    );
    await queueMessage(h, w.org.guid, w.employee.guid, { channel: "email", body: "for the log" });
    const before = (await w.api.mailbox.list({})).items.map((m) => m.body);
    expect(before).toEqual(["for the log"]);
    await deliverDueMessages(h.services);
    expect((await w.api.mailbox.list({})).items.map((m) => m.body)).toEqual(["for the log"]);
  });

  it("an instance admin sees the organization it acts in; an employee is refused", async () => {
    const w = await seedWorld(h, "BoxAdmin");
    await queueMessage(h, w.org.guid, w.employee.guid, { channel: "sms", body: "for the instance admin" });
    expect((await w.instance.mailbox.list({})).items.map((m) => m.body)).toEqual(["for the instance admin"]);
    expect(await codeOf(h.asToken(w.employeeToken).mailbox.list({}))).toBe("NoPermissions");
    expect(await codeOf(h.anonymous().mailbox.list({}))).toBe("Unauthorized");
  });
});

describe("mailbox.list with real providers", () => {
  const h = createHarness({
    LATCHKEY_SMS_PROVIDER: "webhook",
    LATCHKEY_SMS_WEBHOOK_URL: "http://127.0.0.1:9/sms",
    LATCHKEY_SMS_WEBHOOK_SECRET: "s".repeat(20),
  });

  it("lists nothing for a channel a real provider delivers and says so", async () => {
    const w = await seedWorld(h, "Real");
    await queueMessage(h, w.org.guid, w.employee.guid, { channel: "sms", body: "goes to the gateway" });
    await queueMessage(h, w.org.guid, w.employee.guid, { channel: "email", body: "stays local" });
    const box = await w.api.mailbox.list({});
    expect(box.channels.sms).toEqual({ provider: "webhook", mailbox: false });
    expect(box.items.map((m) => m.body)).toEqual(["stays local"]);
    expect((await w.api.mailbox.list({ channel: "sms" })).items).toEqual([]);
  });
});
