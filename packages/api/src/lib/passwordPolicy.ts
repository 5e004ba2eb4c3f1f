// The password policy of docs/SPEC.md §3. Every rule answers RequestIsNotValid with the field at
// fault and a message that says what to change; no message ever repeats the password.
import { dictionary } from "@zxcvbn-ts/language-common";
import type { Db, Organization } from "@latchkey/db";
import { DomainError, type PasswordRule } from "../errors";
import { verifyPassword } from "./passwords";
import { passwordStatements } from "./preparedPasswords";
import { safeEqual } from "./secrets";

/** The organization columns the policy reads. */
export type PolicyOrg = Pick<
  Organization,
  | "name"
  | "alias"
  | "passwordMinLength"
  | "passwordMaxLength"
  | "passwordRequireUpper"
  | "passwordRequireLower"
  | "passwordRequireDigit"
  | "passwordRequireSymbol"
  | "passwordHistory"
>;

/** The column defaults of organizations, for checks made before the row exists. */
export const DEFAULT_PASSWORD_POLICY: Omit<PolicyOrg, "name" | "alias"> = {
  passwordMinLength: 12,
  passwordMaxLength: 128,
  passwordRequireUpper: false,
  passwordRequireLower: false,
  passwordRequireDigit: false,
  passwordRequireSymbol: false,
  passwordHistory: 5,
};

/** Who the password is for: their own names may not be in it, their history may not be reused. */
export interface PasswordSubject {
  id?: number;
  displayName?: string | null;
  email?: string | null;
  username?: string | null;
}

// zxcvbn-ts's list of ~49k common passwords (from breach corpora), shipped in the package.
let blocklist: Set<string> | undefined;
function commonPasswords(): Set<string> {
  blocklist ??= new Set(dictionary["passwords-common"].map((p) => p.normalize("NFKC").toLowerCase()));
  return blocklist;
}

export function codePointLength(s: string): number {
  return [...s].length;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /\p{Cc}/u;
const NAME_CONTAINMENT_MIN = 4;

const refuse = (field: string, rule: PasswordRule, message: string, limit?: number) =>
  new DomainError("RequestIsNotValid", message, { field, rule, ...(limit !== undefined ? { limit } : {}) });

/** Lower-cased names and their words; a word of 4+ characters may not appear anywhere in the password. */
function namesOf(values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    const n = v.normalize("NFKC").toLowerCase().trim();
    if (!n) continue;
    out.add(n);
    for (const part of n.split(/[^\p{L}\p{N}]+/u)) if (part) out.add(part);
  }
  return [...out];
}

function containsName(lower: string, names: string[]): boolean {
  return names.some((n) => (codePointLength(n) >= NAME_CONTAINMENT_MIN ? lower.includes(n) : lower === n));
}

/**
 * Checks everything that needs no database: characters, length, composition, blocklist and
 * names. Returns the NFKC form, which is what gets hashed (sign-in normalizes the same way).
 */
export function checkPasswordRules(org: PolicyOrg, password: string, subject: PasswordSubject = {}, field = "password"): string {
  // A lone surrogate cannot be encoded as UTF-8: argon2 would hash U+FFFD, so two different
  // passwords would collide. Checked before NFKC, which passes surrogates through unchanged.
  if (LONE_SURROGATE.test(password))
    throw refuse(field, "invalidCharacter", "The password contains an invalid character (a lone surrogate).");
  const normalized = password.normalize("NFKC");
  if (CONTROL.test(normalized))
    throw refuse(field, "controlCharacter", "The password must not contain control characters (such as NUL, tab or line breaks).");
  const len = codePointLength(normalized);
  if (len < org.passwordMinLength)
    throw refuse(field, "minLength", `The password must be at least ${org.passwordMinLength} characters long.`, org.passwordMinLength);
  if (len > org.passwordMaxLength)
    throw refuse(field, "maxLength", `The password must be at most ${org.passwordMaxLength} characters long.`, org.passwordMaxLength);
  if (org.passwordRequireUpper && !/\p{Lu}/u.test(normalized))
    throw refuse(field, "upper", "The password must contain an upper-case letter.");
  if (org.passwordRequireLower && !/\p{Ll}/u.test(normalized))
    throw refuse(field, "lower", "The password must contain a lower-case letter.");
  if (org.passwordRequireDigit && !/\p{Nd}/u.test(normalized)) throw refuse(field, "digit", "The password must contain a digit.");
  if (org.passwordRequireSymbol && !/[^\p{L}\p{N}\s]/u.test(normalized))
    throw refuse(field, "symbol", "The password must contain a symbol (a character that is neither a letter, a digit nor a space).");
  const lower = normalized.toLowerCase();
  // Also catch a common password wrapped in digits or punctuation ("Password123!").
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const common = commonPasswords();
  if (common.has(lower) || (codePointLength(core) >= NAME_CONTAINMENT_MIN && common.has(core)))
    throw refuse(field, "common", "This password is too common: choose one that is not on lists of frequently used passwords.");
  if (containsName(lower, namesOf([org.name, org.alias])))
    throw refuse(field, "orgName", "The password must not contain the organization's name or alias.");
  const emailLocal = subject.email ? subject.email.split("@")[0] : null;
  if (containsName(lower, namesOf([subject.displayName, subject.username, emailLocal])))
    throw refuse(field, "ownName", "The password must not contain your name, username or the name part of your email address.");
  return normalized;
}

/** `$argon2id$v=19$m=…,t=…,p=…$<salt>$`: hashes with the same prefix differ only if their passwords do. */
const saltedPrefix = (phc: string) => phc.slice(0, phc.lastIndexOf("$") + 1);

/**
 * Refuses a password equal to any of the employee's last `org.passwordHistory` passwords.
 * `newHash` is the password being hashed with the employee's salt: a remembered hash with the
 * same parameters and salt is compared as a string (constant time); only older ones (another
 * salt or other parameters) need an argon2 verify each. The history is read before the hash is
 * awaited, i.e. as it was when the request arrived (concurrent changes race at commit, where
 * idempotency keys and the transaction decide).
 */
export async function checkPasswordHistory(
  db: Db,
  org: PolicyOrg,
  employeeId: number,
  normalized: string,
  newHash: Promise<string>,
  field = "password",
) {
  if (org.passwordHistory <= 0) return;
  const rows = await passwordStatements(db).history.execute({ employeeId, limit: org.passwordHistory });
  const hash = await newHash;
  const prefix = saltedPrefix(hash);
  const matches = await Promise.all(
    rows.map((r) => (saltedPrefix(r.hash) === prefix ? safeEqual(r.hash, hash) : verifyPassword(r.hash, normalized))),
  );
  if (matches.some(Boolean))
    throw refuse(
      field,
      "history",
      `This password was used recently: choose one that differs from your last ${org.passwordHistory} password${org.passwordHistory === 1 ? "" : "s"}.`,
      org.passwordHistory,
    );
}
