// argon2id hashing through @node-rs/argon2 (2.5x faster than the `argon2` package here).
import { createHmac } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export interface HashParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** CONTRACT §3: argon2id, m=19456 KiB, t=2, p=1. */
export const DEFAULT_HASH_PARAMS: HashParams = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

// Algorithm is a const enum in the typings, which isolatedModules cannot inline: 2 = Argon2id.
const ARGON2ID = 2;

/** `salt` defaults to 16 random bytes; new passwords of an employee use employeeSalt (see there). */
export function hashPassword(password: string, params: HashParams, salt?: Buffer): Promise<string> {
  return hash(password, { ...params, algorithm: ARGON2ID, ...(salt ? { salt } : {}) });
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
    return await verify(phc, password);
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

let dummy: Promise<string> | undefined;
/** Verifies against a throwaway hash so an unknown login costs as much as a known one. */
export async function burnVerify(password: string, params: HashParams): Promise<void> {
  dummy ??= hashPassword("latchkey-timing-equalizer", params);
  await verifyPassword(await dummy, password);
}
