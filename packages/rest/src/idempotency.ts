// Idempotency-Key: a retried mutation with the same key and the same request gets the stored
// response back instead of running again. Stored responses may hold a one-time code, so they
// are encrypted with a key derived from the server secret and the client's Idempotency-Key
// (stored only as a keyed hash): the database alone never reveals a code.
import { createCipheriv, createDecipheriv, createHash, createHmac } from "node:crypto";
import { DomainError, type Services } from "@latchkey/api";
import { and, eq, idempotencyRecords, lte } from "@latchkey/db";
import { invalidRequest } from "./edgeError";

const TTL_MS = 24 * 3600_000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export function readIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  if (!KEY_SHAPE.test(header)) throw invalidRequest("Idempotency-Key must be 1-255 visible ASCII characters.", "Idempotency-Key");
  return header;
}

interface Stored {
  status: number;
  headers: [string, string][];
  body: string;
}

function cipherKey(services: Services, key: string): Buffer {
  return createHmac("sha256", services.secret).update(`idempotency-response:${key}`).digest();
}

function seal(services: Services, key: string, value: Stored): string {
  const iv = services.random.bytes(12);
  const c = createCipheriv("aes-256-gcm", cipherKey(services, key), iv);
  const ct = Buffer.concat([c.update(JSON.stringify(value), "utf8"), c.final()]);
  return ["v1", iv.toString("base64"), c.getAuthTag().toString("base64"), ct.toString("base64")].join(".");
}

function open(services: Services, key: string, sealed: string): Stored {
  const [, iv, tag, ct] = sealed.split(".");
  const d = createDecipheriv("aes-256-gcm", cipherKey(services, key), Buffer.from(iv!, "base64"));
  d.setAuthTag(Buffer.from(tag!, "base64"));
  return JSON.parse(Buffer.concat([d.update(Buffer.from(ct!, "base64")), d.final()]).toString("utf8")) as Stored;
}

export const requestHash = (parts: readonly string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex");

/**
 * Runs `run` once per (scope, key). A replay with another request is refused; one that arrives
 * while the first is still running is told to retry. Only successes are kept: a failed request
 * changed nothing, so retrying it must run it again.
 */
export async function withIdempotency(
  services: Services,
  opts: { scope: string; key: string; hash: string },
  run: () => Promise<Response>,
): Promise<Response> {
  const { db } = services;
  const now = services.clock.now();
  const keyHash = createHmac("sha256", services.secret).update(`idempotency-key:${opts.key}`).digest("hex");
  const where = and(eq(idempotencyRecords.scope, opts.scope), eq(idempotencyRecords.key, keyHash));
  db.delete(idempotencyRecords)
    .where(and(where, lte(idempotencyRecords.expiresAt, now)))
    .run();
  const claimed = db
    .insert(idempotencyRecords)
    .values({ scope: opts.scope, key: keyHash, requestHash: opts.hash, response: "", createdAt: now, expiresAt: now + TTL_MS })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecords.key })
    .get();
  if (!claimed) {
    const existing = db.select().from(idempotencyRecords).where(where).get();
    if (!existing || existing.requestHash !== opts.hash)
      throw invalidRequest("This Idempotency-Key was already used with a different request.", "Idempotency-Key");
    if (existing.response === "")
      throw new DomainError("TryLater", "A request with this Idempotency-Key is still running.", { retryAfterSeconds: 1 });
    const stored = open(services, opts.key, existing.response);
    const headers = new Headers(stored.headers);
    headers.set("idempotent-replayed", "true");
    return new Response(stored.status === 204 ? null : stored.body, { status: stored.status, headers });
  }
  let response: Response;
  try {
    response = await run();
  } catch (err) {
    db.delete(idempotencyRecords).where(where).run();
    throw err;
  }
  if (response.status >= 200 && response.status < 300) {
    const body = await response.clone().text();
    const stored: Stored = { status: response.status, headers: [...response.headers.entries()], body };
    db.update(idempotencyRecords)
      .set({ response: seal(services, opts.key, stored) })
      .where(where)
      .run();
  } else {
    db.delete(idempotencyRecords).where(where).run();
  }
  return response;
}
