// The LIFE POS error enum as the vendor documents it (docs/vendors/life-pos.md): what `code` may
// be in the family's envelope, listed whole in OpenAPI because a LIFE POS client may switch on
// any of them. The core throws a subset (DOMAIN_ERROR_CODES, spelled the same), which the family
// passes through unchanged; the statuses below cover the vendor's whole enum.
import type { DomainErrorCode } from "@latchkey/api";

export const LIFE_POS_ERROR_CODES = [
  "InternalServerError",
  "TooManyRequests",
  "RequestIsNotValid",
  "BadRequest",
  "NoPermissions",
  "Unauthorized",
  "NotFound",
  "ReferenceNotFound",
  "Duplicate",
  "NotUnique",
  "NotNullOrUnique",
  "NotAllowed",
  "NotAllowedForArchived",
  "TryLater",
  "OperationCannotBePerformed",
  "NotificationsAreOutOfService",
  "TrySendCodeLater",
  "UsernameIsAlreadyTaken",
  "PhoneIsNotFound",
  "PhoneIsNotFoundInOrganization",
  "PhoneIsAlreadyTaken",
  "InvalidConfirmationCode",
  "ConfirmationCodeWasCanceled",
  "ConfirmationCodeWasNotSend",
  "UsernameDoesNotExist",
  "WrongUsernameOrPassword",
  "WrongActivationCode",
  "TryActivateLater",
  "AliasIsNotFound",
  "AliasIsAlreadyTaken",
  "NotAllowedForOwner",
  "DealPositionHasInvalidQuantity",
  "CheckMarkingCodeMustBeDisabled",
  "LegalEntityCrptTokenNotSpecified",
] as const;

export type LifePosErrorCode = (typeof LIFE_POS_ERROR_CODES)[number];

const STATUS: Partial<Record<LifePosErrorCode, number>> = {
  Unauthorized: 401,
  WrongActivationCode: 401,
  WrongUsernameOrPassword: 401,
  NoPermissions: 403,
  NotAllowedForOwner: 403,
  NotFound: 404,
  ReferenceNotFound: 404,
  AliasIsNotFound: 404,
  TooManyRequests: 429,
  TrySendCodeLater: 429,
  TryActivateLater: 429,
  TryLater: 429,
  InternalServerError: 500,
};

/** The status of a vendor code: every code not listed is a client error the caller can fix (422). */
export function lifePosStatus(code: LifePosErrorCode): number {
  return STATUS[code] ?? 422;
}

/**
 * A domain code as the vendor's: the same name (this fails to compile if the core throws a code
 * the vendor lacks), except a database out of reach, which the vendor's enum calls TryLater.
 */
export const lifePosCodeOf = (code: DomainErrorCode): LifePosErrorCode => (code === "ServiceUnavailable" ? "TryLater" : code);
