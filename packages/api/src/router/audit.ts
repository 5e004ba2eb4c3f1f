import { dailyAuditCountsInput, listAuditInput } from "../actions/audit/auditSchemas";
import { dailyAuditCounts } from "../actions/audit/dailyAuditCounts";
import { listAuditEvents } from "../actions/audit/listAuditEvents";
import { orgAdminProcedure } from "../trpc";

/** The audit log of the organization acted in: read-only; events are written by `audited`. */
export const auditLog = {
  list: orgAdminProcedure.input(listAuditInput).query(({ ctx, input }) => listAuditEvents(ctx, input)),
  dailyCounts: orgAdminProcedure.input(dailyAuditCountsInput).query(({ ctx, input }) => dailyAuditCounts(ctx, input)),
};
