// The tables as the core sees them. Each dialect has its own drizzle table objects (SQLite's in
// ./sqlite/schema, PostgreSQL's in ./postgres/schema) with the same names, columns and JavaScript
// types; the core is typed against PostgreSQL's and gets the open database's own objects from
// `db.tables`, so one query text runs on either (test/tableTypes.test.ts keeps them equal).
import type * as postgres from "./postgres/schema";

export type Tables = Pick<
  typeof postgres,
  | "organizations"
  | "employees"
  | "passwordHistory"
  | "outlets"
  | "workplaces"
  | "activationCodes"
  | "resetCodes"
  | "sessions"
  | "apiTokens"
  | "auditEvents"
  | "auditDailyCounts"
  | "outboxMessages"
  | "rateLimits"
  | "idempotencyRecords"
>;

export type Organization = Tables["organizations"]["$inferSelect"];
export type Employee = Tables["employees"]["$inferSelect"];
export type Outlet = Tables["outlets"]["$inferSelect"];
export type Workplace = Tables["workplaces"]["$inferSelect"];
export type ActivationCode = Tables["activationCodes"]["$inferSelect"];
export type ResetCode = Tables["resetCodes"]["$inferSelect"];
export type Session = Tables["sessions"]["$inferSelect"];
export type ApiToken = Tables["apiTokens"]["$inferSelect"];
export type AuditEvent = Tables["auditEvents"]["$inferSelect"];
export type OutboxMessage = Tables["outboxMessages"]["$inferSelect"];
