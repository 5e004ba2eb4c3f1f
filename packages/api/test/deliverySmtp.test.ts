import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { deliverDueMessages } from "../src/lib/delivery/deliverDueMessages";
import { closeProviders } from "../src/lib/delivery/providers";
import { createHarness } from "./harness";
import { seedWorld } from "./activationFixtures";
import { outboxRow, queueMessage } from "./deliveryFixtures";

interface Received {
  from: string;
  to: string[];
  data: string;
}

// A real SMTP server on a random local port; no TLS offered, so the exchange stays plain.
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        data: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const port = (smtp.server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const h = createHarness({
  LATCHKEY_EMAIL_PROVIDER: "smtp",
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(port),
  // A relay on this machine: plain SMTP is allowed only because this says so.
  SMTP_REQUIRE_TLS: "false",
  SMTP_FROM: "Latchkey <no-reply@latchkey.test>",
  LATCHKEY_DELIVERY_MAX_ATTEMPTS: "2",
});
afterAll(() => closeProviders(h.services));

describe("the smtp provider", () => {
  it("delivers the email to a real SMTP server, then scrubs the code from the stored copy", async () => {
    const w = await seedWorld(h, "Smtp");
    const id = await queueMessage(h, w.org.guid, w.employee.guid, {
      channel: "email",
      subject: "Your Latchkey code",
      body: "Your password reset code is 48151623. It is valid for 1 hour.",
    });
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual([w.employee.email]);
    expect(received[0]!.from).toBe("no-reply@latchkey.test");
    expect(received[0]!.data).toContain("Subject: Your Latchkey code");
    expect(received[0]!.data).toContain("48151623");
    const row = await outboxRow(h, id);
    expect(row).toMatchObject({ status: "sent", provider: "smtp", scrubbed: true, attempts: 1, lastError: null });
    expect(row.body).toBe("Your password reset code is ••••••••. It is valid for 1 hour.");
    // The mailbox lists nothing for a channel a real provider delivers.
    const box = await w.api.mailbox.list({ channel: "email" });
    expect(box.items).toHaveLength(0);
    expect(box.channels.email).toEqual({ provider: "smtp", mailbox: false });
  });

  it("refuses a subject with a line break instead of sending extra headers", async () => {
    const w = await seedWorld(h, "Inject");
    const before = received.length;
    const id = await queueMessage(h, w.org.guid, w.employee.guid, {
      channel: "email",
      subject: "Hello\r\nBcc: victim@evil.test",
      body: "code 11223344",
    });
    expect(await deliverDueMessages(h.services)).toMatchObject({ claimed: 1, failed: 1 });
    expect(received).toHaveLength(before);
    const row = await outboxRow(h, id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/line break/);
    expect(row.lastError).not.toContain("11223344");
    expect(row).toMatchObject({ scrubbed: true, body: "code ••••••••" });
  });
});

describe("a relay that offers no STARTTLS, with SMTP_REQUIRE_TLS at its default (true)", () => {
  const strict = createHarness({
    LATCHKEY_EMAIL_PROVIDER: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(port),
    LATCHKEY_DELIVERY_MAX_ATTEMPTS: "2",
  });
  afterAll(() => closeProviders(strict.services));

  it("gets no message: the code never crosses the connection in clear", async () => {
    const w = await seedWorld(strict, "StrictTls");
    const before = received.length;
    const id = await queueMessage(strict, w.org.guid, w.employee.guid, { channel: "email", body: "code 31415926" });
    // The relay's refusal to start TLS is final: the message is given up and its code scrubbed.
    expect(await deliverDueMessages(strict.services)).toMatchObject({ claimed: 1, failed: 1 });
    expect(received).toHaveLength(before);
    expect(await outboxRow(strict, id)).toMatchObject({ status: "failed", attempts: 1, scrubbed: true, lastError: "smtp: ETLS 500" });
  });
});

describe("an unreachable smtp server", () => {
  // Port 1 (tcpmux) is privileged and unused: the connection is refused.
  const down = createHarness({
    LATCHKEY_EMAIL_PROVIDER: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: "1",
    LATCHKEY_DELIVERY_MAX_ATTEMPTS: "2",
  });
  afterAll(() => closeProviders(down.services));

  it("is retried, then failed with a reason that holds no code", async () => {
    const w = await seedWorld(down, "Down");
    const id = await queueMessage(down, w.org.guid, w.employee.guid, { channel: "email", body: "code 99887766" });
    expect(await deliverDueMessages(down.services)).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await outboxRow(down, id)).toMatchObject({ status: "pending", attempts: 1 });
    down.clock.advance(3600_000);
    expect(await deliverDueMessages(down.services)).toMatchObject({ claimed: 1, failed: 1 });
    const row = await outboxRow(down, id);
    expect(row).toMatchObject({ status: "failed", attempts: 2, scrubbed: true, body: "code ••••••••" });
    expect(row.lastError).toMatch(/^smtp: /);
    expect(row.lastError).not.toContain("99887766");
  });
});
