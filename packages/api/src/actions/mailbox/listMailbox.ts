// The developer mailbox: with the `log` provider nothing leaves the machine, so the messages
// (codes included) are read here instead of in the process log. Channels sent through a real
// provider are never listed: their bodies belong to the recipient, not to the admin console.
import { z } from "zod";
import { and, desc, eq, inArray, isNull, lt, or, type OutboxChannel, type SQL } from "@latchkey/db";
import { scrubCodes } from "../../lib/delivery/templates";
import { integerCursor, keysetPage } from "../../lib/keyset";
import type { Services } from "../../services";
import type { OrgAdminContext } from "../../trpc";
import { iso } from "../../fields";
import type { listMailboxInput } from "./schemas";
import { employeeOf } from "../../lib/principal";

function mailboxChannels(services: Services): Record<OutboxChannel, { provider: string; mailbox: boolean }> {
  const sms = services.config.LATCHKEY_SMS_PROVIDER;
  const email = services.config.LATCHKEY_EMAIL_PROVIDER;
  return { sms: { provider: sms, mailbox: sms === "log" }, email: { provider: email, mailbox: email === "log" } };
}

export async function listMailbox(ctx: OrgAdminContext, input: z.infer<typeof listMailboxInput>) {
  const { employees, outboxMessages } = ctx.services.database.tables;
  const channels = mailboxChannels(ctx.services);
  const shown = (Object.keys(channels) as OutboxChannel[]).filter((c) => channels[c].mailbox && (!input.channel || input.channel === c));
  if (shown.length === 0) return { channels, items: [], nextCursor: null };
  const conds: (SQL | undefined)[] = [
    eq(outboxMessages.orgGuid, ctx.org.guid),
    inArray(outboxMessages.channel, shown),
    // A message a real provider took before the channel was switched to `log` belongs to its
    // recipient too: only messages the log provider took (or will take: not yet claimed) show.
    or(isNull(outboxMessages.provider), eq(outboxMessages.provider, "log")),
  ];
  // Newest first: the cursor is the smallest id of the previous page.
  const before = integerCursor(input.cursor);
  if (before !== null) conds.push(lt(outboxMessages.id, before));
  const { rows, nextCursor } = await keysetPage(
    input.limit,
    (limit) =>
      ctx.services.database.db
        .select({ m: outboxMessages, role: employees.role })
        .from(outboxMessages)
        .leftJoin(employees, eq(employees.id, outboxMessages.employeeId))
        .where(and(...conds))
        .orderBy(desc(outboxMessages.id))
        .limit(limit),
    (r) => String(r.m.id),
  );
  const viewer = employeeOf(ctx.principal)?.id;
  const items = rows.map(({ m, role }) => ({
    id: m.id,
    channel: m.channel,
    kind: m.kind,
    recipient: m.recipient,
    subject: m.subject,
    // Owner protection: no admin may set the owner's password, so none may read the owner's codes here.
    body: role === "owner" && m.employeeId !== viewer ? scrubCodes(m.body) : m.body,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    createdAt: iso(m.createdAt)!,
    sentAt: iso(m.sentAt),
  }));
  return { channels, items, nextCursor };
}
