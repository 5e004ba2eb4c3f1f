// gRPC status numbers for the F5 and ZITADEL families, mapped once from the domain codes.
import type { DomainError, DomainErrorCode } from "@latchkey/api";
import { edgeOf } from "./edgeError";

const GRPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const BY_CODE: Record<DomainErrorCode, number> = {
  InternalServerError: GRPC.INTERNAL,
  TooManyRequests: GRPC.RESOURCE_EXHAUSTED,
  RequestIsNotValid: GRPC.INVALID_ARGUMENT,
  BadRequest: GRPC.INVALID_ARGUMENT,
  NoPermissions: GRPC.PERMISSION_DENIED,
  Unauthorized: GRPC.UNAUTHENTICATED,
  NotFound: GRPC.NOT_FOUND,
  ReferenceNotFound: GRPC.NOT_FOUND,
  Duplicate: GRPC.ALREADY_EXISTS,
  NotAllowed: GRPC.FAILED_PRECONDITION,
  NotAllowedForArchived: GRPC.FAILED_PRECONDITION,
  TryLater: GRPC.RESOURCE_EXHAUSTED,
  NotificationsAreOutOfService: GRPC.UNAVAILABLE,
  ServiceUnavailable: GRPC.UNAVAILABLE,
  TrySendCodeLater: GRPC.RESOURCE_EXHAUSTED,
  PhoneIsNotFound: GRPC.FAILED_PRECONDITION,
  // A wrong current password or verification code is an invalid argument (docs/vendors/zitadel.md).
  InvalidConfirmationCode: GRPC.INVALID_ARGUMENT,
  WrongUsernameOrPassword: GRPC.INVALID_ARGUMENT,
  WrongActivationCode: GRPC.INVALID_ARGUMENT,
  TryActivateLater: GRPC.RESOURCE_EXHAUSTED,
  NotAllowedForOwner: GRPC.PERMISSION_DENIED,
};

export function grpcCodeOf(err: DomainError): number {
  const edge = edgeOf(err);
  if (edge?.edge === "tooLarge") return GRPC.RESOURCE_EXHAUSTED;
  if (edge?.edge === "methodNotAllowed") return GRPC.UNIMPLEMENTED;
  if (edge?.edge === "timeout") return GRPC.DEADLINE_EXCEEDED;
  return BY_CODE[err.code];
}

/** HTTP status of a gRPC code as grpc-gateway writes it; `conflictStatus` is 409 for F5, 400 for ZITADEL. */
export function httpOfGrpc(code: number, failedPrecondition: number): number {
  switch (code) {
    case GRPC.INVALID_ARGUMENT:
      return 400;
    case GRPC.DEADLINE_EXCEEDED:
      return 504;
    case GRPC.NOT_FOUND:
      return 404;
    case GRPC.ALREADY_EXISTS:
      return 409;
    case GRPC.PERMISSION_DENIED:
      return 403;
    case GRPC.RESOURCE_EXHAUSTED:
      return 429;
    case GRPC.FAILED_PRECONDITION:
      return failedPrecondition;
    case GRPC.UNIMPLEMENTED:
      return 405;
    case GRPC.UNAVAILABLE:
      return 503;
    case GRPC.UNAUTHENTICATED:
      return 401;
    default:
      return 500;
  }
}

/** The edge overrides a gRPC status can not express (413 stays 413). */
export function grpcHttpStatus(err: DomainError, failedPrecondition: number): number {
  if (edgeOf(err)?.edge === "tooLarge") return 413;
  return httpOfGrpc(grpcCodeOf(err), failedPrecondition);
}
