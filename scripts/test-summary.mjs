// Sums vitest's "Tests  … passed (N)" lines from a test log into one closing line that CI reads:
// "N passed, N failed" (plus skipped when any).
import { readFileSync } from "node:fs";

const log = readFileSync(process.argv[2] ?? 0, "utf8").replace(/\u001b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of log.split("\n")) {
  const m = /^\S*\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line.replace(/^@[\w/-]+:test:\s*/, "").trim());
  if (!m) continue;
  for (const part of m[1].split("|")) {
    const [, n, what] = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part) ?? [];
    if (what === "passed") passed += Number(n);
    else if (what === "failed") failed += Number(n);
    else if (what) skipped += Number(n);
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
