// The closed sets of values some columns hold. Both dialects' schemas take them from here, so a
// value the core writes means the same on SQLite and PostgreSQL.
export const EMPLOYEE_ROLES = ["owner", "admin", "employee"] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];
export const EMPLOYEE_STATUSES = ["active", "locked", "archived"] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];
export const WORKPLACE_STATUSES = ["pending", "active"] as const;
export type WorkplaceStatus = (typeof WORKPLACE_STATUSES)[number];
export const OUTBOX_CHANNELS = ["sms", "email"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export const AUDIT_OUTCOMES = ["success", "failure"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_ACTOR_TYPES = ["employee", "service", "anonymous", "system"] as const;
export const TOKEN_SCOPES = ["admin", "self"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
