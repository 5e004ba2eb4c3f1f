// argon2id hashing through @node-rs/argon2 (2.5x faster than the `argon2` package here).
import { createHmac } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export interface HashParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** docs/SPEC.md §3: argon2id, m=19456 KiB, t=2, p=1. */
export const DEFAULT_HASH_PARAMS: HashParams = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

// Algorithm is a const enum in the typings, which isolatedModules cannot inline: 2 = Argon2id.
const ARGON2ID = 2;

export interface Argon2Watch {
  /** Hashes and verifications submitted and not finished. */
  inFlight: number;
  /** Hears each one's wall time (the metrics of the process that serves /metrics). */
  observe: ((op: "hash" | "verify", seconds: number) => void) | null;
}

const WATCH = Symbol.for("latchkey.argon2");

/**
 * argon2 runs on the process's one libuv threadpool, so what is watched here belongs to the
 * process: kept on globalThis, where Next's separate copy of this module finds the same one.
 */
export function argon2Watch(): Argon2Watch {
  const holder = globalThis as { [WATCH]?: Argon2Watch };
  return (holder[WATCH] ??= { inFlight: 0, observe: null });
}

async function watched<T>(op: "hash" | "verify", run: () => Promise<T>): Promise<T> {
  const watch = argon2Watch();
  watch.inFlight += 1;
  const started = performance.now();
  try {
    return await run();
  } finally {
    watch.inFlight -= 1;
    watch.observe?.(op, (performance.now() - started) / 1000);
  }
}

/** `salt` defaults to 16 random bytes; new passwords of an employee use employeeSalt (see there). */
export function hashPassword(password: string, params: HashParams, salt?: Buffer): Promise<string> {
  return watched("hash", () => hash(password, { ...params, algorithm: ARGON2ID, ...(salt ? { salt } : {}) }));
}

/**
 * The salt of every password an employee sets: 16 bytes of HMAC(server secret, employee id).
 * Unique per employee and unknowable without the secret, so nothing can be precomputed across
 * employees; shared by one employee's successive passwords, so the reuse rule compares the new
 * hash with the history as strings instead of running one argon2 verify per remembered
 * password (history 5 made every change cost 6 argon2 runs; see BENCHMARKS.md).
 */
export function employeeSalt(secret: Buffer, employeeId: number): Buffer {
  return createHmac("sha256", secret).update(`latchkey-password-salt:${employeeId}`).digest().subarray(0, 16);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await watched("verify", () => verify(phc, password));
  } catch {
    return false;
  }
}

/** True when the stored PHC string was made with other parameters than the current ones. */
export function needsRehash(phc: string, params: HashParams): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!m) return true;
  return Number(m[1]) !== params.memoryCost || Number(m[2]) !== params.timeCost || Number(m[3]) !== params.parallelism;
}

const dummies = new Map<string, Promise<string>>();
/**
 * Verifies against a throwaway hash made with the same parameters, so a sign-in that has no real
 * hash to check (an unknown login, no password yet, a reset pending, a locked account) costs as
 * much as a wrong password.
 */
export async function burnVerify(password: string, params: HashParams): Promise<void> {
  const id = `${params.memoryCost},${params.timeCost},${params.parallelism}`;
  let dummy = dummies.get(id);
  if (!dummy) dummies.set(id, (dummy = hashPassword("latchkey-timing-equalizer", params)));
  await verifyPassword(await dummy, password);
}
