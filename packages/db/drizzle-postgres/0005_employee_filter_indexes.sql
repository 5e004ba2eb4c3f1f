CREATE INDEX "employees_org_role_id_idx" ON "employees" USING btree ("org_guid","role","id");--> statement-breakpoint
CREATE INDEX "employees_org_status_id_idx" ON "employees" USING btree ("org_guid","status","id");--> statement-breakpoint
CREATE INDEX "employees_org_locked_idx" ON "employees" USING btree ("org_guid","locked_until") WHERE "employees"."locked_until" IS NOT NULL;