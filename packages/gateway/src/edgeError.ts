// Errors the HTTP edge raises before or around a procedure (body too large, wrong method,
// deadline). They carry a domain code so every family still maps them from one list.
import { DomainError, type DomainErrorCode } from "@latchkey/api";

export type EdgeKind = "tooLarge" | "methodNotAllowed" | "timeout";

export class EdgeError extends DomainError {
  constructor(
    readonly edge: EdgeKind,
    code: DomainErrorCode,
    message: string,
    readonly allow: readonly string[] = [],
  ) {
    super(code, message);
  }
}

export const MAX_BODY_BYTES = 64 * 1024;

export const tooLarge = () => new EdgeError("tooLarge", "BadRequest", "The request body exceeds 64 KiB.");
export const methodNotAllowed = (allow: readonly string[]) =>
  new EdgeError("methodNotAllowed", "NotAllowed", `This method is not allowed here; use ${allow.join(", ")}.`, allow);
export const timedOut = () => new EdgeError("timeout", "InternalServerError", "The request timed out.");

export const invalidRequest = (message: string, field?: string) => new DomainError("RequestIsNotValid", message, field ? { field } : {});

/** The edge kind of an error, if the edge raised it. */
export function edgeOf(err: DomainError): EdgeError | null {
  return err instanceof EdgeError ? err : null;
}

/** Headers every family adds to an error: Allow on 405, Retry-After on 429 and 503. */
export function errorHeaders(err: DomainError, status: number): Record<string, string> {
  const h: Record<string, string> = {};
  const edge = edgeOf(err);
  if (edge?.edge === "methodNotAllowed") h["allow"] = edge.allow.join(", ");
  if (status === 429) h["retry-after"] = String(err.retryAfterSeconds ?? 60);
  if (status === 503 && err.retryAfterSeconds !== undefined) h["retry-after"] = String(err.retryAfterSeconds);
  return h;
}
