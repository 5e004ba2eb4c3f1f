import { dailyAuditCountsInput, listAuditInput } from "../actions/audit/schemas";
import { dailyAuditCounts } from "../actions/audit/dailyAuditCounts";
import { listAuditActions } from "../actions/audit/listAuditActions";
import { listAuditEvents } from "../actions/audit/listAuditEvents";
import { withNames } from "../actions/audit/support/withNames";
import { orgAdminProcedure, router } from "../trpc";

/** `audit.*`: the audit log of the organization acted in: read-only; events are written by `audited`. */
export const auditRouter = router({
  list: orgAdminProcedure.input(listAuditInput).query(async ({ ctx, input }) => withNames(ctx, await listAuditEvents(ctx, input))),
  dailyCounts: orgAdminProcedure.input(dailyAuditCountsInput).query(({ ctx, input }) => dailyAuditCounts(ctx, input)),
  actions: orgAdminProcedure.query(({ ctx }) => listAuditActions(ctx)),
});
