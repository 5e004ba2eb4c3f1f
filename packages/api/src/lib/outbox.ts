// Queues an SMS or email in the transaction of the change that causes it (transactional
// outbox); the delivery worker sends it later. Also enforces the resend cooldown.
import { and, eq, isNull, lte, or, type Employee, type OutboxChannel, type Tx } from "@latchkey/db";
import type { Services } from "../services";
import { DomainError } from "../errors";

/** docs/SPEC.md §3: one reset or activation SMS/email per employee per 60 s. */
const RESEND_COOLDOWN_MS = 60_000;

function channelAvailable(services: Services, channel: OutboxChannel): boolean {
  return channel === "sms" ? services.config.LATCHKEY_SMS_PROVIDER !== "none" : services.config.LATCHKEY_EMAIL_PROVIDER !== "none";
}

export interface CodeMessage {
  channel: OutboxChannel;
  /** reset_code | activation_code */
  kind: string;
  subject: string;
  body: string;
}

/**
 * Checks the cooldown and the provider, queues the message and stamps the employee.
 * Throws TrySendCodeLater or NotificationsAreOutOfService; the caller's transaction rolls back.
 */
export async function queueCodeMessage(tx: Tx, services: Services, employee: Employee, msg: CodeMessage): Promise<void> {
  const { employees, outboxMessages } = tx.tables;
  const now = services.clock.now();
  // Stamped first, and only when the cooldown is over: of concurrent requests (on any instance)
  // the row lock lets exactly one through; the others see its stamp and are refused.
  const stamped = await tx
    .update(employees)
    .set({ lastCodeSentAt: now })
    .where(
      and(eq(employees.id, employee.id), or(isNull(employees.lastCodeSentAt), lte(employees.lastCodeSentAt, now - RESEND_COOLDOWN_MS))),
    )
    .returning({ id: employees.id });
  if (stamped.length === 0) {
    const [row] = await tx.select({ last: employees.lastCodeSentAt }).from(employees).where(eq(employees.id, employee.id));
    const last = row?.last ?? now;
    throw new DomainError("TrySendCodeLater", "A code was sent to this employee moments ago; try again shortly.", {
      retryAfterSeconds: Math.max(1, (RESEND_COOLDOWN_MS - (now - last)) / 1000),
    });
  }
  if (!channelAvailable(services, msg.channel))
    throw new DomainError("NotificationsAreOutOfService", `No ${msg.channel === "sms" ? "SMS" : "email"} provider is configured.`);
  const recipient = msg.channel === "sms" ? employee.phone : employee.email;
  if (!recipient)
    throw new DomainError(
      "PhoneIsNotFound",
      msg.channel === "sms" ? "The employee has no phone number." : "The employee has no email address.",
    );
  await tx.insert(outboxMessages).values({
    orgGuid: employee.orgGuid,
    employeeId: employee.id,
    channel: msg.channel,
    recipient,
    subject: msg.subject,
    body: msg.body,
    kind: msg.kind,
    nextAttemptAt: now,
    createdAt: now,
  });
}
