// The names audit events are recorded under: the audit filter's and the chart's vocabulary. Each
// mutation procedure declares its name once (`.meta({ audit })` in router/<namespace>.ts); both
// `audited` and the refusal middleware take it from there, so an operation is one name whether
// its action refused it or the procedure chain did (no credentials, no rights, bad input).
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_out",
  "auth.complete_password_reset",
  "me.change_password",
  "me.sign_out_everywhere",
  "employee.create",
  "employee.update",
  "employee.archive",
  "employee.unlock",
  "employee.end_session",
  "employee.end_all_sessions",
  "employee.reset_password",
  "employee.admin_reset_by_email",
  "employee.request_password_reset",
  "employee.set_password",
  "employee.change_password",
  "employee.change_password_with_current",
  "employee.complete_password_reset",
  "outlet.create",
  "outlet.update",
  "outlet.archive",
  "workplace.create",
  "workplace.update",
  "workplace.archive",
  "workplace.generate_activation_code",
  "workplace.activate",
  "api_token.create",
  "api_token.revoke",
  "api_token.keep",
  "api_token.unkeep",
  "organization.create",
  "organization.rename",
  "organization.archive",
  "settings.update",
  // Recorded by the installation itself, not by a procedure (bootstrap.ts, the activation lockdown).
  "instance_admin.bootstrap",
  "instance_admin.recover",
  "activation.lockdown",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * A mutation's audit name: one name, or, for a procedure that does one of two things by its input
 * (`tokens.keep` keeps or unkeeps), a choice made from the raw input before anything else runs, so
 * a refusal of a malformed input is named as well (by what the choice falls back to).
 */
export type AuditNaming = AuditAction | ((rawInput: unknown) => AuditAction);
