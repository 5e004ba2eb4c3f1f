// The closed set of domain errors. Actions throw DomainError; each surface maps the code
// once (tRPC in trpc.ts, each REST family in packages/gateway). Messages never carry secrets.

/**
 * Every code the core throws. The names are LIFE POS's (its error enum is the richest of the
 * vendors we copy), so that family passes them through; the vendor's whole enum, with codes we
 * never throw, belongs to the LIFE POS family (packages/gateway/src/families/lifePosCodes.ts).
 */
export const DOMAIN_ERROR_CODES = [
  "InternalServerError",
  "TooManyRequests",
  "RequestIsNotValid",
  "BadRequest",
  "NoPermissions",
  "Unauthorized",
  "NotFound",
  "ReferenceNotFound",
  "Duplicate",
  "NotAllowed",
  "NotAllowedForArchived",
  "TryLater",
  "NotificationsAreOutOfService",
  "TrySendCodeLater",
  "PhoneIsNotFound",
  "InvalidConfirmationCode",
  "WrongUsernameOrPassword",
  "WrongActivationCode",
  "TryActivateLater",
  "NotAllowedForOwner",
  // The database cannot be reached for now: 503 with Retry-After in every family; the service
  // recovers by itself when the database is back. Named as no vendor names it; LIFE POS, whose
  // enum lacks it, says TryLater.
  "ServiceUnavailable",
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainErrorDetails {
  /** The input field at fault, as a dotted path (never its value). */
  field?: string;
  /** Seconds until a retry can succeed; surfaces send it as Retry-After. */
  retryAfterSeconds?: number;
  /** Which password rule refused the value (lib/passwordPolicy.ts), so a UI can say it in its language. */
  rule?: PasswordRule;
  /** The number the rule names (a length, a history size). */
  limit?: number;
}

export const PASSWORD_RULES = [
  "invalidCharacter",
  "controlCharacter",
  "minLength",
  "maxLength",
  "upper",
  "lower",
  "digit",
  "symbol",
  "common",
  "orgName",
  "ownName",
  "history",
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly rule?: PasswordRule;
  readonly limit?: number;

  constructor(code: DomainErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(message);
    this.code = code;
    if (details.field !== undefined) this.field = details.field;
    if (details.rule !== undefined) this.rule = details.rule;
    if (details.limit !== undefined) this.limit = details.limit;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = Math.max(1, Math.ceil(details.retryAfterSeconds));
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}

// Shorthands for the errors every action raises the same way.
export const notFound = (what = "object") => new DomainError("NotFound", `The ${what} was not found.`);
export const noPermissions = () => new DomainError("NoPermissions", "You do not have permission to perform this operation.");
export const unauthorized = () =>
  new DomainError("Unauthorized", "Authentication is required: the credentials are missing, invalid, expired or revoked.");
export const invalid = (field: string, message: string) => new DomainError("RequestIsNotValid", message, { field });
