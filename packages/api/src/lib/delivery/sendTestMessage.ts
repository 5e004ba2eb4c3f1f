// `latchkey delivery test`: one message through the configured provider, now, outside the outbox
// (nothing is stored or retried), so an operator sees at once whether email or SMS gets out and,
// if not, what the provider said. The message carries no code.
import type { OutboxChannel, OutboxMessage } from "@latchkey/db";
import type { Services } from "../../services";
import { DeliveryError } from "./deliveryError";
import { closeProviders, providersFor } from "./providers";

export interface TestDelivery {
  channel: OutboxChannel;
  recipient: string;
  /** The configured provider: log, smtp, webhook, or none. */
  provider: string;
  /** sent: handed over; not_sent: the provider keeps messages locally or none is configured; failed. */
  outcome: "sent" | "not_sent" | "failed";
  detail: string;
  /** For a failure: whether the outbox would try such a message again. */
  retried?: boolean;
}

const SETTING: Record<OutboxChannel, string> = { email: "LATCHKEY_EMAIL_PROVIDER", sms: "LATCHKEY_SMS_PROVIDER" };

export async function sendTestMessage(services: Services, channel: OutboxChannel, recipient: string): Promise<TestDelivery> {
  const configured = channel === "email" ? services.config.LATCHKEY_EMAIL_PROVIDER : services.config.LATCHKEY_SMS_PROVIDER;
  const base = { channel, recipient, provider: configured };
  if (configured === "none") return { ...base, outcome: "not_sent", detail: `no ${channel} provider: ${SETTING[channel]}=none` };
  if (configured === "log")
    return {
      ...base,
      outcome: "not_sent",
      detail: `${SETTING[channel]}=log keeps messages in the console's Mailbox; nothing leaves this machine`,
    };
  const provider = providersFor(services)[channel]!;
  const now = services.clock.now();
  const message: OutboxMessage = {
    id: 0,
    orgGuid: "",
    employeeId: null,
    channel,
    recipient,
    subject: "Latchkey test message",
    body: `Latchkey: a test message from ${services.config.publicUrl}, sent by an operator (latchkey delivery test). It carries no code.`,
    kind: "delivery_test",
    status: "pending",
    provider: provider.name,
    attempts: 1,
    nextAttemptAt: now,
    lastError: null,
    scrubbed: false,
    createdAt: now,
    sentAt: null,
  };
  try {
    return { ...base, outcome: "sent", detail: await provider.send(message) };
  } catch (err) {
    if (!(err instanceof DeliveryError)) throw err;
    return { ...base, outcome: "failed", detail: err.message, retried: !err.permanent };
  } finally {
    closeProviders(services);
  }
}
