// Keyed hashes for codes and bearer secrets. Codes are short, so a plain hash could be
// brute-forced from a stolen database; an HMAC with the server secret cannot.
import { createHmac, timingSafeEqual } from "node:crypto";

export function keyedHash(secret: Buffer, value: string): string {
  return createHmac("sha256", secret).update(value, "utf8").digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
