// Idempotency keys for mutations (ctx.meta.idempotencyKey, e.g. from an Idempotency-Key header).
// The same key and the same input within 24 h return the stored result with no second effect;
// the same key with another input is refused.
//
// How: the `idempotent` middleware in trpc.ts opens a claim before the procedure runs (replaying
// a stored result if there is one). `audited` reserves the key first thing inside the very
// transaction that commits the change, with an insert the primary key lets only one transaction
// make (so a crash can never leave an effect without its record, and concurrent requests with
// one key, on any instance, give one effect and never read state the twin is changing); the
// middleware then stores the result, encrypted with AES-256-GCM, since results may hold a
// secret shown once (a returned code).
import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto";
import { and, eq, lte, type Db, type Tx } from "@latchkey/db";
import type { Context, IdempotencyClaim } from "../context";
import { DomainError } from "../errors";
import { actorOf } from "./actorOf";
import { keyedHash } from "./secrets";

const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** The response column of a key whose change committed but whose result is not stored yet. */
const PENDING = "pending";
const MAX_KEY_LENGTH = 255;

export type OpenedClaim = { claim: IdempotencyClaim } | { replay: unknown };

/** Sorted keys, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

function keyOf(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "latchkey", "idempotency-records/aes-256-gcm/v1", 32));
}

function encrypt(ctx: Context, claim: IdempotencyClaim, data: unknown): string {
  const iv = ctx.services.random.bytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(ctx.services.secret), iv);
  // Bound to its scope and key: a record copied to another row does not decrypt.
  cipher.setAAD(Buffer.from(`${claim.scope}\n${claim.key}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(data ?? null), "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}.${body.toString("base64url")}`;
}

function decrypt(ctx: Context, scope: string, key: string, stored: string): unknown {
  const [v, iv, tag, body] = stored.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("idempotency: unreadable record");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(ctx.services.secret), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`${scope}\n${key}`));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const json = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  return JSON.parse(json) as unknown;
}

// RequestIsNotValid, not Duplicate: the request is the mistake (Stripe answers this case 422 too).
const reusedKey = () =>
  new DomainError("RequestIsNotValid", "This idempotency key was already used for a different request; use a new key for a new request.", {
    field: "idempotencyKey",
  });
const inProgress = () =>
  new DomainError("TryLater", "A request with this idempotency key is still being processed; retry shortly.", { retryAfterSeconds: 1 });

/**
 * Keys are scoped by organization, actor and procedure, so one caller's key never meets
 * another's. Anonymous callers get no idempotency (nothing would keep their keys apart).
 */
function scopeOf(ctx: Context, path: string): string | null {
  if (!ctx.principal) return null;
  const actor = actorOf(ctx);
  const named = ctx.meta.org;
  const org = named?.guid ?? (named?.alias ? `alias:${named.alias.toLowerCase()}` : ctx.principal.orgGuid);
  return `${org}|${actor.type}:${actor.id ?? ""}|${path}`;
}

async function liveRecord(db: Db, scope: string, key: string, now: number) {
  const { idempotencyRecords } = db.tables;
  const [r] = await db
    .select()
    .from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)));
  return r && r.expiresAt > now ? r : undefined;
}

/** What a stored record answers: the replay, or "still in progress", or "another request's key". */
function answerOf(
  ctx: Context,
  claim: Pick<IdempotencyClaim, "scope" | "key" | "requestHash">,
  record: { requestHash: string; response: string },
) {
  if (record.requestHash !== claim.requestHash) throw reusedKey();
  if (record.response === PENDING) throw inProgress();
  return { replay: decrypt(ctx, claim.scope, claim.key, record.response) };
}

/** Before the procedure: null (no key), a stored result to replay, or a claim to carry in ctx. */
export async function openIdempotency(ctx: Context, path: string, rawInput: unknown): Promise<OpenedClaim | null> {
  const key = ctx.meta.idempotencyKey;
  if (key === undefined || key === "") return null;
  const scope = scopeOf(ctx, path);
  if (!scope) return null;
  if (key.length > MAX_KEY_LENGTH)
    throw new DomainError("RequestIsNotValid", `The idempotency key must be at most ${MAX_KEY_LENGTH} characters.`, {
      field: "idempotencyKey",
    });
  // Keyed: the input may hold a password, and a plain hash of it would be a fast password hash.
  const requestHash = keyedHash(ctx.services.secret, `idempotency\n${path}\n${canonical(rawInput)}`);
  const existing = await liveRecord(ctx.services.database.db, scope, key, ctx.services.clock.now());
  const claim: IdempotencyClaim = { scope, key, requestHash, reserved: false };
  if (existing?.response === PENDING && existing.requestHash === requestHash) {
    // The twin committed and is storing its answer: wait for it rather than answer "in progress".
    const twin = await answerOfConcurrentTwin(ctx, { ...claim, heldByTwin: true });
    if (twin) return twin;
  }
  if (existing) return answerOf(ctx, claim, existing);
  return { claim };
}

/**
 * A request that failed while a twin took its key (TryLater from the reservation, or a refusal the
 * twin's committed change caused): the twin's answer, once stored (it is, right after its commit),
 * is this request's answer too. Null at once when no twin holds the key; otherwise waits up to
 * about two seconds, and null when the twin did not store an answer by then.
 */
export async function answerOfConcurrentTwin(ctx: Context, claim: IdempotencyClaim): Promise<{ replay: unknown } | null> {
  for (let i = 0; i < 20; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    const record = await liveRecord(ctx.services.database.db, claim.scope, claim.key, ctx.services.clock.now());
    // A twin seen by the reservation may not have committed yet (SQLite's group commit shares
    // one open transaction), so its record is awaited; otherwise no record means no twin.
    if (!record && claim.heldByTwin) continue;
    if (!record) return null;
    if (record.requestHash !== claim.requestHash) throw reusedKey();
    if (record.response !== PENDING) return { replay: decrypt(ctx, claim.scope, claim.key, record.response) };
  }
  return null;
}

/**
 * Called by `audited` first thing in the change's transaction: the key is taken together with the
 * change. A twin holding the key makes this insert wait (PostgreSQL) or find it (SQLite), and
 * then answer "in progress"; the twin's effect is never repeated.
 */
export async function reserveIdempotency(ctx: Context, tx: Tx): Promise<void> {
  const claim = ctx.idempotency;
  if (!claim || claim.reserved) return;
  const { idempotencyRecords } = tx.tables;
  const now = ctx.services.clock.now();
  const keyIs = and(eq(idempotencyRecords.scope, claim.scope), eq(idempotencyRecords.key, claim.key));
  // An expired record of the key is history: the key may be used again.
  await tx.delete(idempotencyRecords).where(and(keyIs, lte(idempotencyRecords.expiresAt, now)));
  const taken = await tx
    .insert(idempotencyRecords)
    .values({
      scope: claim.scope,
      key: claim.key,
      requestHash: claim.requestHash,
      response: PENDING,
      createdAt: now,
      expiresAt: now + IDEMPOTENCY_TTL_MS,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecords.key });
  if (taken.length === 0) {
    const [existing] = await tx.select().from(idempotencyRecords).where(keyIs);
    if (existing && existing.requestHash !== claim.requestHash) throw reusedKey();
    claim.heldByTwin = true;
    throw inProgress();
  }
  // Set when the transaction commits (audited awaits it before the middleware reads this).
  claim.reserved = true;
}

/**
 * After the procedure succeeded: stores its result (encrypted) for replays. The change is already
 * committed, so a failure here is logged, not thrown: the caller still gets its result, and a
 * retry with the key gets TryLater (the reservation stays) rather than a second effect.
 */
export async function storeIdempotentResult(ctx: Context, claim: IdempotencyClaim, data: unknown): Promise<void> {
  try {
    await writeResult(ctx, claim, data);
  } catch (err) {
    ctx.services.log.error("idempotency: could not store a result", {
      requestId: ctx.meta.requestId,
      error: (err as { code?: string }).code ?? (err as Error).name,
    });
  }
}

async function writeResult(ctx: Context, claim: IdempotencyClaim, data: unknown): Promise<void> {
  const response = encrypt(ctx, claim, data);
  const now = ctx.services.clock.now();
  await ctx.services.database.transaction(async (tx) => {
    const { idempotencyRecords } = tx.tables;
    const keyIs = and(eq(idempotencyRecords.scope, claim.scope), eq(idempotencyRecords.key, claim.key));
    if (claim.reserved) {
      await tx.update(idempotencyRecords).set({ response }).where(keyIs);
      return;
    }
    // A mutation that never committed through `audited` (nothing credential-related): record it now, unless a twin did.
    await tx.delete(idempotencyRecords).where(and(keyIs, lte(idempotencyRecords.expiresAt, now)));
    await tx
      .insert(idempotencyRecords)
      .values({
        scope: claim.scope,
        key: claim.key,
        requestHash: claim.requestHash,
        response,
        createdAt: now,
        expiresAt: now + IDEMPOTENCY_TTL_MS,
      })
      .onConflictDoNothing();
  });
}
