import type { MessageKey, T } from "./i18n";

interface ErrorLike {
  message?: string;
  data?: { domainCode?: string; retryAfterSeconds?: number | null; field?: string | null } | null;
}

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

export function domainCodeOf(err: unknown): string | undefined {
  return (err as ErrorLike | null)?.data?.domainCode;
}

export function retryAfterOf(err: unknown): number | null {
  return (err as ErrorLike | null)?.data?.retryAfterSeconds ?? null;
}

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
  if (code === "WrongUsernameOrPassword") return t("err.WrongUsernameOrPassword");
  return e.message || t("err.generic");
}
