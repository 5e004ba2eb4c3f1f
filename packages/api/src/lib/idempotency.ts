// Idempotency keys for mutations (ctx.meta.idempotencyKey, e.g. from an Idempotency-Key header).
// The same key and the same input within 24 h return the stored result with no second effect;
// the same key with another input is refused.
//
// How: the `idempotent` middleware in trpc.ts opens a claim before the procedure runs (replaying
// a stored result if there is one). `audited` reserves the key inside the very transaction that
// commits the change (so a crash can never leave an effect without its record, and two
// concurrent requests with one key give one effect); the middleware then stores the result,
// encrypted with AES-256-GCM, since results may hold a secret shown once (a returned code).
import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto";
import { and, eq, idempotencyRecords, lte, type Tx } from "@latchkey/db";
import type { Context } from "../context";
import { DomainError } from "../errors";
import { actorOf } from "./actorOf";
import { keyedHash } from "./secrets";

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** The response column of a key whose change committed but whose result is not stored yet. */
const PENDING = "pending";
const MAX_KEY_LENGTH = 255;

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  /** Set once the key is written in the change's transaction. */
  reserved: boolean;
}

export type OpenedClaim = { claim: IdempotencyClaim } | { replay: unknown };

type WithClaim = { idempotency?: IdempotencyClaim };

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

function liveRecord(db: Context["services"]["db"] | Tx, scope: string, key: string, now: number) {
  const r = db
    .select()
    .from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)))
    .get();
  return r && r.expiresAt > now ? r : undefined;
}

/** Before the procedure: null (no key), a stored result to replay, or a claim to carry in ctx. */
export function openIdempotency(ctx: Context, path: string, rawInput: unknown): OpenedClaim | null {
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
  const existing = liveRecord(ctx.services.db, scope, key, ctx.services.clock.now());
  if (existing) {
    if (existing.requestHash !== requestHash) throw reusedKey();
    if (existing.response === PENDING) throw inProgress();
    return { replay: decrypt(ctx, scope, key, existing.response) };
  }
  return { claim: { scope, key, requestHash, reserved: false } };
}

/** Called by `audited` inside the change's transaction: the key is taken together with the change. */
export function reserveIdempotency(ctx: Context, tx: Tx): void {
  const claim = (ctx as Context & WithClaim).idempotency;
  if (!claim || claim.reserved) return;
  const now = ctx.services.clock.now();
  // BEGIN IMMEDIATE serializes writers, so this read cannot race another reservation.
  const existing = liveRecord(tx, claim.scope, claim.key, now);
  if (existing) throw existing.requestHash === claim.requestHash ? inProgress() : reusedKey();
  tx.delete(idempotencyRecords)
    .where(and(eq(idempotencyRecords.scope, claim.scope), eq(idempotencyRecords.key, claim.key), lte(idempotencyRecords.expiresAt, now)))
    .run();
  tx.insert(idempotencyRecords)
    .values({
      scope: claim.scope,
      key: claim.key,
      requestHash: claim.requestHash,
      response: PENDING,
      createdAt: now,
      expiresAt: now + IDEMPOTENCY_TTL_MS,
    })
    .run();
  claim.reserved = true;
}

/**
 * After the procedure succeeded: stores its result (encrypted) for replays. The change is already
 * committed, so a failure here is logged, not thrown: the caller still gets its result, and a
 * retry with the key gets TryLater (the reservation stays) rather than a second effect.
 */
export function storeIdempotentResult(ctx: Context, claim: IdempotencyClaim, data: unknown): void {
  try {
    writeResult(ctx, claim, data);
  } catch (err) {
    ctx.services.log.error("idempotency: could not store a result", {
      requestId: ctx.meta.requestId,
      error: (err as { code?: string }).code ?? (err as Error).name,
    });
  }
}

function writeResult(ctx: Context, claim: IdempotencyClaim, data: unknown): void {
  const response = encrypt(ctx, claim, data);
  const now = ctx.services.clock.now();
  const db = ctx.services.db;
  if (claim.reserved) {
    db.update(idempotencyRecords)
      .set({ response })
      .where(and(eq(idempotencyRecords.scope, claim.scope), eq(idempotencyRecords.key, claim.key)))
      .run();
    return;
  }
  // A mutation that never committed through `audited` (nothing credential-related): record it now.
  db.transaction(
    (tx) => {
      if (liveRecord(tx, claim.scope, claim.key, now)) return;
      tx.delete(idempotencyRecords)
        .where(and(eq(idempotencyRecords.scope, claim.scope), eq(idempotencyRecords.key, claim.key)))
        .run();
      tx.insert(idempotencyRecords)
        .values({
          scope: claim.scope,
          key: claim.key,
          requestHash: claim.requestHash,
          response,
          createdAt: now,
          expiresAt: now + IDEMPOTENCY_TTL_MS,
        })
        .run();
    },
    { behavior: "immediate" },
  );
}
