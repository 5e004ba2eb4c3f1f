// LIFE POS `message` texts in every language we answer in, for every code the core throws (the
// vendor's enum names more, families/lifePosCodes.ts, but only these ever reach a caller).
import type { DomainErrorCode } from "@latchkey/api";

export type Language = "en" | "ru";

export const LIFE_POS_MESSAGES: Record<DomainErrorCode, Record<Language, string>> = {
  InternalServerError: { en: "Internal server error.", ru: "Внутренняя ошибка сервера." },
  TooManyRequests: { en: "Too many requests. Try again later.", ru: "Слишком много запросов. Повторите позже." },
  RequestIsNotValid: { en: "The request is not valid.", ru: "Запрос некорректен." },
  BadRequest: { en: "Bad request.", ru: "Неверный запрос." },
  NoPermissions: { en: "You do not have permission to perform this operation.", ru: "Недостаточно прав для выполнения операции." },
  Unauthorized: { en: "Authentication is required.", ru: "Требуется аутентификация." },
  NotFound: { en: "The object was not found.", ru: "Объект не найден." },
  ReferenceNotFound: { en: "A referenced object was not found.", ru: "Объект, на который ссылается запрос, не найден." },
  Duplicate: { en: "Such an object already exists.", ru: "Такой объект уже существует." },
  NotAllowed: { en: "The operation is not allowed.", ru: "Операция не разрешена." },
  NotAllowedForArchived: { en: "The operation is not allowed for an archived object.", ru: "Операция не разрешена для архивного объекта." },
  TryLater: { en: "Try again later.", ru: "Повторите попытку позже." },
  NotificationsAreOutOfService: { en: "Notifications are out of service.", ru: "Сервис уведомлений недоступен." },
  ServiceUnavailable: { en: "Try again later.", ru: "Повторите попытку позже." },
  TrySendCodeLater: { en: "A code was sent recently. Try again later.", ru: "Код уже был отправлен недавно. Повторите позже." },
  PhoneIsNotFound: { en: "The phone number is not found.", ru: "Номер телефона не найден." },
  InvalidConfirmationCode: { en: "The confirmation code is invalid.", ru: "Неверный код подтверждения." },
  WrongUsernameOrPassword: { en: "Wrong username or password.", ru: "Неверное имя пользователя или пароль." },
  WrongActivationCode: { en: "The activation code is wrong.", ru: "Неверный код активации." },
  TryActivateLater: {
    en: "Too many wrong activation codes. Try again later.",
    ru: "Слишком много неверных кодов активации. Повторите позже.",
  },
  NotAllowedForOwner: { en: "The operation is not allowed for the owner.", ru: "Операция не разрешена для владельца." },
};

/** Picks ru or en from Accept-Language by q-value; English when neither is asked for. */
export function pickLanguage(header: string | null): Language {
  if (!header) return "en";
  let best: { lang: Language; q: number } | null = null;
  for (const part of header.split(",")) {
    const [tag, ...params] = part.trim().split(";");
    const base = tag!.trim().toLowerCase().split("-")[0];
    if (base !== "ru" && base !== "en") continue;
    const qp = params.find((p) => p.trim().startsWith("q="));
    const q = qp ? Number(qp.trim().slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? "en";
}
