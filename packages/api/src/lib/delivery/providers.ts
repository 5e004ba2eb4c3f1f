// Who actually delivers a message, chosen per channel by the configuration. Providers throw
// DeliveryError with a message that is safe to store (no body, no code, no secret).
import type { OutboxChannel } from "@latchkey/db";
import type { Services } from "../../services";
import type { DeliveryProvider } from "./deliveryError";
import { createSmtpProvider } from "./smtp";
import { createWebhookProvider } from "./webhook";

/**
 * `log` keeps the message in the outbox for the developer mailbox. It writes only the id and
 * kind to the process log: the body holds a live code, and logs travel further than the database.
 */
function createLogProvider(services: Services): DeliveryProvider {
  return {
    name: "log",
    real: false,
    send(msg) {
      services.log.info("delivery.logged", { messageId: msg.id, channel: msg.channel, kind: msg.kind, mailbox: true });
      return Promise.resolve("kept for the developer mailbox");
    },
  };
}

export type Providers = Record<OutboxChannel, DeliveryProvider | null>;

const cache = new WeakMap<Services, Providers>();

/** One set of providers per Services, so the SMTP connection pool is shared across batches. */
export function providersFor(services: Services): Providers {
  let p = cache.get(services);
  if (!p) {
    const { LATCHKEY_EMAIL_PROVIDER: email, LATCHKEY_SMS_PROVIDER: sms } = services.config;
    p = {
      email: email === "log" ? createLogProvider(services) : email === "smtp" ? createSmtpProvider(services.config) : null,
      sms: sms === "log" ? createLogProvider(services) : sms === "webhook" ? createWebhookProvider(services) : null,
    };
    cache.set(services, p);
  }
  return p;
}

export function closeProviders(services: Services): void {
  const p = cache.get(services);
  if (!p) return;
  cache.delete(services);
  p.email?.close?.();
  p.sms?.close?.();
}
