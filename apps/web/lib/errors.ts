import type { TRPCClientErrorLike } from "@trpc/client";
import type { AppRouter, PasswordRule } from "@latchkey/api";
import type { MessageKey, T } from "./i18n";

/** A refused call as the tRPC client reports it (`data` is what trpc.ts's errorFormatter adds). */
type ErrorLike = Partial<TRPCClientErrorLike<AppRouter>>;

/** The password rules the server names (DomainError `rule`), each with a message in every language. */
const RULES: Record<PasswordRule, MessageKey> = {
  invalidCharacter: "pw.rule.invalidCharacter",
  controlCharacter: "pw.rule.controlCharacter",
  minLength: "pw.rule.minLength",
  maxLength: "pw.rule.maxLength",
  upper: "pw.rule.upper",
  lower: "pw.rule.lower",
  digit: "pw.rule.digit",
  symbol: "pw.rule.symbol",
  common: "pw.rule.common",
  orgName: "pw.rule.orgName",
  ownName: "pw.rule.ownName",
  history: "pw.rule.history",
};

/** Domain codes with a translated message; others show the server's (English) domain message. */
const KNOWN: Record<string, MessageKey> = {
  WrongUsernameOrPassword: "err.WrongUsernameOrPassword",
  NotAllowedForOwner: "err.NotAllowedForOwner",
  NotAllowedForArchived: "err.NotAllowedForArchived",
  NoPermissions: "err.NoPermissions",
  NotFound: "err.NotFound",
  WrongActivationCode: "err.WrongActivationCode",
  InvalidConfirmationCode: "err.InvalidConfirmationCode",
  Unauthorized: "err.Unauthorized",
};

/** The message to show for a refused call: the domain message, localized where we know the code. */
export function errorText(err: unknown, t: T, lang: "en" | "ru"): string {
  const e = (err ?? {}) as ErrorLike;
  const code = e.data?.domainCode;
  const retry = e.data?.retryAfterSeconds;
  if ((code === "TryLater" || code === "TrySendCodeLater" || code === "TryActivateLater" || code === "TooManyRequests") && retry) {
    const at = new Date(Date.now() + retry * 1000);
    const time = at.toLocaleTimeString(lang === "ru" ? "ru-RU" : "en-GB", { hour: "2-digit", minute: "2-digit" });
    return t("err.tryLaterAt", { time, minutes: Math.max(1, Math.ceil(retry / 60)) });
  }
  if (code && lang !== "en" && KNOWN[code]) return t(KNOWN[code]);
  const rule = e.data?.rule ? RULES[e.data.rule] : undefined;
  if (code === "RequestIsNotValid" && rule && lang !== "en") return t(rule, { limit: e.data?.limit ?? "" });
  if (code === "RequestIsNotValid" && e.data?.field === "search" && e.data.limit && lang !== "en") return t("err.searchShort");
  if (code === "WrongUsernameOrPassword") return t("err.WrongUsernameOrPassword");
  return e.message || t("err.generic");
}
