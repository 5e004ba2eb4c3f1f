// Strong random passwords for demo people, from services.random. They must pass the default
// policy (12+ code points, not a common password, not containing the person's own names), so
// every character class is present and no name part of 3+ letters appears in them.
import type { Random } from "@latchkey/api";

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/];

export function strongPassword(random: Random, avoid: string[] = []): string {
  const words = avoid.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  for (;;) {
    // 18 random bytes: 24 base64url characters, 144 bits; "!" adds a symbol for any composition rule.
    const candidate = `${random.bytes(18).toString("base64url")}!`;
    const lower = candidate.toLowerCase();
    if (CLASSES.every((re) => re.test(candidate)) && !words.some((w) => lower.includes(w))) return candidate;
  }
}
