// Inputs and the view of the audit log. The log itself is written only by lib/audited.ts.
import { z } from "zod";
import { AUDIT_OUTCOMES, type AuditEvent } from "@latchkey/db";
import { iso, page } from "../../fields";

/** A calendar day (UTC) as YYYY-MM-DD, or a full ISO timestamp. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: "must be a date like 2026-11-23" });

const auditFilters = {
  action: z.string().trim().min(1).max(100).optional(),
  actorId: z.string().trim().min(1).max(100).optional(),
  targetId: z.string().trim().min(1).max(100).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Inclusive lower bound; a bare date means the start of that day (UTC). */
  from: instant.optional(),
  /** Inclusive upper bound; a bare date means the whole of that day (UTC). */
  to: instant.optional(),
};

export const listAuditInput = z.strictObject({ ...auditFilters, ...page });
export const dailyAuditCountsInput = z.strictObject({ ...auditFilters, days: z.number().int().min(1).max(366).default(30) });

export const DAY_MS = 86_400_000;

/** Milliseconds of a bound; `end` turns a bare date into the last millisecond of that day. */
export function boundMs(value: string, end: boolean): number {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(isDay ? `${value}T00:00:00Z` : value);
  return isDay && end ? ms + DAY_MS - 1 : ms;
}

export const auditEventView = (e: AuditEvent) => ({
  id: e.id,
  action: e.action,
  actorType: e.actorType,
  actorId: e.actorId,
  targetType: e.targetType,
  targetId: e.targetId,
  outcome: e.outcome,
  reason: e.reason,
  client: e.client ? (JSON.parse(e.client) as Record<string, string>) : null,
  ip: e.ip,
  requestId: e.requestId,
  createdAt: iso(e.createdAt)!,
});
export type AuditEventView = ReturnType<typeof auditEventView>;
