// Not a client module: server components (the account pages) convert auth.me's policy here too.
import type { PasswordPolicy } from "~/components/PasswordField";
import type { Me } from "./server";

/** An organization's password policy (settings.get, auth.me) as PasswordField states it. */
export function fieldPolicy(p: NonNullable<Me["passwordPolicy"]>): PasswordPolicy {
  return {
    min: p.minLength,
    max: p.maxLength,
    history: p.history,
    upper: p.requireUpper,
    lower: p.requireLower,
    digit: p.requireDigit,
    symbol: p.requireSymbol,
  };
}
