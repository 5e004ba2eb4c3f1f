// One pass of the outbox: claim due messages one by one with a conditional update, hand each
// to its channel's provider, then record sent / retry later / failed. Tests call this directly.
import { and, asc, eq, lte, sql, type OutboxMessage } from "@latchkey/db";
import type { Services } from "../../services";
import { DeliveryError } from "./deliveryError";
import { providersFor } from "./providers";
import { scrubCodes } from "./templates";

/** A claimed message is invisible to other workers this long; a crashed worker's claim then expires. */
export const CLAIM_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3600_000;
export const BATCH_SIZE = 20;

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** Exponential backoff with jitter: 50-100 % of base * 2^(attempt-1), capped. */
function backoffMs(services: Services, attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const unit = services.random.bytes(4).readUInt32BE(0) / 2 ** 32;
  return Math.round(ceiling * (0.5 + unit / 2));
}

/** What is stored as last_error: our own safe wording, and never a code or a configured secret. */
function safeError(services: Services, err: unknown): string {
  let text = err instanceof DeliveryError ? err.message : "delivery failed: unexpected error";
  for (const secret of [services.config.LATCHKEY_SMS_WEBHOOK_SECRET, services.config.SMTP_PASSWORD])
    if (secret) text = text.split(secret).join("[secret]");
  return scrubCodes(text.replace(/[\r\n]+/g, " ")).slice(0, 300);
}

/**
 * The stored copy without its code: once a message is delivered elsewhere, or given up on, nobody
 * will be sent this copy again, so it must not keep a code readable at rest.
 */
function scrubbedCopy(msg: OutboxMessage): Pick<OutboxMessage, "body" | "subject" | "scrubbed"> {
  return { body: scrubCodes(msg.body), subject: msg.subject && scrubCodes(msg.subject), scrubbed: true };
}

async function claim(services: Services, id: number, provider: string, now: number): Promise<OutboxMessage | undefined> {
  const { outboxMessages } = services.database.tables;
  // Conditional: of workers on several instances that saw the message due, one gets the row back.
  return services.database.transaction(async (tx) => {
    const [claimed] = await tx
      .update(outboxMessages)
      .set({ attempts: sql`${outboxMessages.attempts} + 1`, nextAttemptAt: now + CLAIM_LEASE_MS, provider })
      .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, "pending"), lte(outboxMessages.nextAttemptAt, now)))
      .returning();
    return claimed;
  });
}

export async function deliverDueMessages(services: Services, limit = BATCH_SIZE): Promise<DeliveryReport> {
  const { outboxMessages } = services.database.tables;
  const report: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const providers = providersFor(services);
  // Reads see committed rows only (on SQLite a separate connection), so a code is never sent for
  // an operation whose group may still roll back.
  const due = await services.database.db
    .select({ id: outboxMessages.id, channel: outboxMessages.channel })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "pending"), lte(outboxMessages.nextAttemptAt, services.clock.now())))
    .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
    .limit(limit);
  for (const { id, channel } of due) {
    const provider = providers[channel];
    const now = services.clock.now();
    const msg = await claim(services, id, provider?.name ?? "none", now);
    if (!msg) continue; // another worker took it
    report.claimed += 1;
    const finish = (patch: Partial<OutboxMessage>) =>
      services.database.transaction(async (tx) => {
        await tx.update(outboxMessages).set(patch).where(eq(outboxMessages.id, id));
      });
    try {
      if (!provider) throw new DeliveryError(`no ${channel} provider is configured`, true);
      await provider.send(msg);
      const sentAt = services.clock.now();
      // The log provider's copy is the delivery (the developer mailbox reads it), so it keeps the code.
      await finish({ status: "sent", sentAt, lastError: null, ...(provider.real ? scrubbedCopy(msg) : {}) });
      report.sent += 1;
      services.metrics.delivery(channel, "sent");
    } catch (err) {
      const lastError = safeError(services, err);
      const permanent = err instanceof DeliveryError && err.permanent;
      const later = services.clock.now();
      if (permanent || msg.attempts >= services.config.LATCHKEY_DELIVERY_MAX_ATTEMPTS) {
        // Given up: the code can no longer reach its recipient, so no one else may read it here either.
        // (The log provider never fails, so the mailbox loses nothing it was meant to show.)
        await finish({ status: "failed", lastError, nextAttemptAt: later, ...scrubbedCopy(msg) });
        report.failed += 1;
        services.metrics.delivery(channel, "failed");
        services.log.warn("delivery.failed", { messageId: id, channel, attempts: msg.attempts, error: lastError });
      } else {
        await finish({ lastError, nextAttemptAt: later + backoffMs(services, msg.attempts) });
        report.retrying += 1;
        services.metrics.delivery(channel, "retry");
        services.log.info("delivery.retry", { messageId: id, channel, attempts: msg.attempts, error: lastError });
      }
    }
  }
  return report;
}
