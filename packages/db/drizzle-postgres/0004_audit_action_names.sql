-- One name per audited operation. A mutation refused before its action ran (no or dead
-- credentials, no rights, another organization, malformed input) used to be recorded under its
-- procedure's path (`employees.resetPassword`), and under the action's name
-- (`employee.reset_password`) otherwise, which split the audit filter and chart. Each procedure
-- now declares one name (packages/api/src/lib/auditActions.ts): older events and their day
-- counters move to it. Written by hand (data only; drizzle-kit has nothing to generate). A refusal
-- of employees.endSessions or tokens.keep never recorded its input, so it takes the name a
-- malformed input gets today (employee.end_all_sessions, api_token.keep). One pass over the log.
CREATE TABLE "audit_action_renames" ("old" text PRIMARY KEY NOT NULL, "new" text NOT NULL);
--> statement-breakpoint
INSERT INTO "audit_action_renames" (old, new) VALUES
  ('auth.signIn', 'auth.sign_in'),
  ('auth.signOut', 'auth.sign_out'),
  ('auth.activateWorkplace', 'workplace.activate'),
  ('auth.completePasswordReset', 'auth.complete_password_reset'),
  ('me.signOutEverywhere', 'me.sign_out_everywhere'),
  ('me.changePassword', 'me.change_password'),
  ('organizations.create', 'organization.create'),
  ('organizations.rename', 'organization.rename'),
  ('organizations.archive', 'organization.archive'),
  ('employees.create', 'employee.create'),
  ('employees.update', 'employee.update'),
  ('employees.archive', 'employee.archive'),
  ('employees.endSessions', 'employee.end_all_sessions'),
  ('employees.unlock', 'employee.unlock'),
  ('employees.resetPassword', 'employee.reset_password'),
  ('employees.adminResetByEmail', 'employee.admin_reset_by_email'),
  ('employees.requestPasswordReset', 'employee.request_password_reset'),
  ('employees.setPassword', 'employee.set_password'),
  ('employees.changePassword', 'employee.change_password'),
  ('employees.changePasswordWithCurrent', 'employee.change_password_with_current'),
  ('employees.completePasswordReset', 'employee.complete_password_reset'),
  ('outlets.create', 'outlet.create'),
  ('outlets.update', 'outlet.update'),
  ('outlets.archive', 'outlet.archive'),
  ('workplaces.create', 'workplace.create'),
  ('workplaces.update', 'workplace.update'),
  ('workplaces.archive', 'workplace.archive'),
  ('workplaces.generateActivationCode', 'workplace.generate_activation_code'),
  ('tokens.create', 'api_token.create'),
  ('tokens.revoke', 'api_token.revoke'),
  ('tokens.keep', 'api_token.keep');
--> statement-breakpoint
UPDATE "audit_events" SET action = r.new FROM "audit_action_renames" AS r WHERE "audit_events".action = r.old;
--> statement-breakpoint
-- The counters follow inserts and deletes only: each renamed bucket is added to its new name's.
INSERT INTO "audit_daily_counts" (org_guid, day, action, outcome, shard, count, min_id, max_id)
  SELECT c.org_guid, c.day, r.new, c.outcome, c.shard, sum(c.count), min(c.min_id), max(c.max_id)
  FROM "audit_daily_counts" AS c JOIN "audit_action_renames" AS r ON r.old = c.action
  GROUP BY c.org_guid, c.day, r.new, c.outcome, c.shard
  ON CONFLICT (org_guid, day, action, outcome, shard) DO UPDATE
    SET count = audit_daily_counts.count + EXCLUDED.count,
        min_id = least(audit_daily_counts.min_id, EXCLUDED.min_id),
        max_id = greatest(audit_daily_counts.max_id, EXCLUDED.max_id);
--> statement-breakpoint
DELETE FROM "audit_daily_counts" WHERE action IN (SELECT old FROM "audit_action_renames");
--> statement-breakpoint
DROP TABLE "audit_action_renames";
