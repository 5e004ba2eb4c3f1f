// A separate process for the start-up race in serverSecret.test.ts: says "ready", then for each
// "go <database url>" line resolves that database's secret (creating latchkey.secret if nobody
// has yet) and prints its SHA-256, or the problem.
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { resolveSecret } from "../src/lib/serverSecret";

createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.startsWith("go ")) return process.exit(0);
  const resolved = resolveSecret({ DATABASE_URL: line.slice(3) });
  process.stdout.write(`${"problem" in resolved ? "problem" : createHash("sha256").update(resolved.secret).digest("hex")}\n`);
});
process.stdout.write("ready\n");
