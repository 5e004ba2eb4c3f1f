// LIFE POS `message` texts in every language we answer in, for every code of the vendor's list (docs/vendors/life-pos.md).
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
  NotUnique: { en: "The value is not unique.", ru: "Значение не уникально." },
  NotNullOrUnique: { en: "The value must be set and unique.", ru: "Значение должно быть задано и уникально." },
  NotAllowed: { en: "The operation is not allowed.", ru: "Операция не разрешена." },
  NotAllowedForArchived: { en: "The operation is not allowed for an archived object.", ru: "Операция не разрешена для архивного объекта." },
  TryLater: { en: "Try again later.", ru: "Повторите попытку позже." },
  OperationCannotBePerformed: { en: "The operation cannot be performed.", ru: "Операция не может быть выполнена." },
  NotificationsAreOutOfService: { en: "Notifications are out of service.", ru: "Сервис уведомлений недоступен." },
  TrySendCodeLater: { en: "A code was sent recently. Try again later.", ru: "Код уже был отправлен недавно. Повторите позже." },
  UsernameIsAlreadyTaken: { en: "The username is already taken.", ru: "Имя пользователя уже занято." },
  PhoneIsNotFound: { en: "The phone number is not found.", ru: "Номер телефона не найден." },
  PhoneIsNotFoundInOrganization: {
    en: "The phone number is not found in the organization.",
    ru: "Номер телефона не найден в организации.",
  },
  PhoneIsAlreadyTaken: { en: "The phone number is already taken.", ru: "Номер телефона уже занят." },
  InvalidConfirmationCode: { en: "The confirmation code is invalid.", ru: "Неверный код подтверждения." },
  ConfirmationCodeWasCanceled: { en: "The confirmation code was canceled.", ru: "Код подтверждения был отменён." },
  ConfirmationCodeWasNotSend: { en: "The confirmation code was not sent.", ru: "Код подтверждения не был отправлен." },
  UsernameDoesNotExist: { en: "The username does not exist.", ru: "Пользователь с таким именем не существует." },
  WrongUsernameOrPassword: { en: "Wrong username or password.", ru: "Неверное имя пользователя или пароль." },
  WrongActivationCode: { en: "The activation code is wrong.", ru: "Неверный код активации." },
  TryActivateLater: {
    en: "Too many wrong activation codes. Try again later.",
    ru: "Слишком много неверных кодов активации. Повторите позже.",
  },
  AliasIsNotFound: { en: "The organization alias is not found.", ru: "Псевдоним организации не найден." },
  AliasIsAlreadyTaken: { en: "The organization alias is already taken.", ru: "Псевдоним организации уже занят." },
  NotAllowedForOwner: { en: "The operation is not allowed for the owner.", ru: "Операция не разрешена для владельца." },
  DealPositionHasInvalidQuantity: { en: "The deal position has an invalid quantity.", ru: "Позиция сделки имеет неверное количество." },
  CheckMarkingCodeMustBeDisabled: { en: "Marking code check must be disabled.", ru: "Проверка кода маркировки должна быть отключена." },
  LegalEntityCrptTokenNotSpecified: {
    en: "The legal entity's CRPT token is not specified.",
    ru: "Не указан токен ЦРПТ юридического лица.",
  },
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
