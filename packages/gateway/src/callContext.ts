// What every external call goes through before and around its procedure, whatever its wire
// (a REST row, a Connect or gRPC method): the family's headers, the Idempotency-Key, the
// request limits, the bearer token, and the deadline.
import { createContext, DomainError, type Context, type RequestMeta, type Services } from "@latchkey/api";
import { timedOut } from "./edgeError";
import type { Family } from "./family";
import { readIdempotencyKey } from "./idempotency";
import { enforceRateLimit } from "./rateLimit";

/** A procedure still running after this long is answered as timed out (504 where the family has one). */
const DEADLINE_MS = 30_000;

export interface CallRequest {
  headers: Headers;
  base: RequestMeta;
  family: Family;
  auth: "bearer" | "none";
  /** The organization a path names (LIFE POS `{org_guid}`), over the family's header. */
  orgGuid?: string;
}

/** The procedure context of a call, after its limits and its credentials were checked. */
export async function openCallContext(services: Services, call: CallRequest): Promise<Context> {
  const familyMeta = call.family.meta({ headers: call.headers });
  const named = { ...familyMeta.org, ...(call.orgGuid !== undefined ? { guid: call.orgGuid } : {}) };
  const idempotencyKey = readIdempotencyKey(call.headers.get("idempotency-key"));
  const meta: RequestMeta = {
    ...call.base,
    ...(familyMeta.client ? { client: familyMeta.client } : {}),
    ...(Object.keys(named).length ? { org: named } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
  const ctx = await createContext({ services, meta, authorization: call.auth === "bearer" ? call.headers.get("authorization") : null });
  await enforceRateLimit(ctx);
  if (call.auth === "bearer" && !ctx.principal) throw new DomainError("Unauthorized", "A valid bearer token is required.");
  return ctx;
}

export async function withDeadline<T>(p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), DEADLINE_MS);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
