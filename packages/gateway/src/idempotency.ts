// Idempotency-Key is read and checked here; the core (packages/api lib/idempotency.ts) keeps the
// records for every surface, so a REST retry replays the procedure's stored result.
import { invalidRequest } from "./edgeError";

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export function readIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  if (!KEY_SHAPE.test(header)) throw invalidRequest("Idempotency-Key must be 1-255 visible ASCII characters.", "Idempotency-Key");
  return header;
}
