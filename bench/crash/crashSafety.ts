// Crash safety: runs mixed write load against the real server process, kill -9s it at random
// moments, restarts it, and checks that every acknowledged change survived with its audit event
// (and outbox row), that the database is intact, and that nothing was half applied
// (crashInvariants.ts). On SQLite the kill may land mid-commit in the server's own process; on
// PostgreSQL it cuts the server's connections mid-transaction.
// `pnpm crash-safety [--rounds 20] [--seed 1] [--database postgres]` (PostgreSQL: a scratch
// database on the test server, see @latchkey/db/testing); a short run is a vitest test
// (apps/server/test/crash.test.ts).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Dialect } from "@latchkey/db";
import { createScratchDatabase } from "@latchkey/db/testing";
import { freePort, sleep, spawnTs, waitReady, type Spawned } from "../lib/proc";
import { checkInvariants, countCodes, readSequences } from "./crashInvariants";
import { oneRequest, prng, replayKeyed, seed, serverEnv, type Ack } from "./crashLoad";

export interface CrashOptions {
  rounds: number;
  /** Concurrent request loops during each round. */
  workers?: number;
  seed?: number;
  /** The database the server runs on (default sqlite). */
  database?: Dialect;
  log?: (line: string) => void;
}

export interface CrashReport {
  rounds: number;
  acknowledged: number;
  unknown: number;
  refused: number;
  violations: string[];
  summary: string;
}

export async function runCrashSafety(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const rnd = prng(opts.seed ?? Date.now());
  const database = opts.database ?? "sqlite";
  const scratch = await createScratchDatabase(database, "crash");
  const port = await freePort();
  const env = serverEnv(scratch.url, port);
  const url = `http://127.0.0.1:${port}`;
  const world = await seed(env);
  const initialSeq = await readSequences(scratch.url);
  const acks: Ack[] = [];
  let unknown = 0;
  let refused = 0;
  let violations: string[] = [];
  let n = 0;
  try {
    // One start more than kills: the last start only retries the keyed requests of the last round.
    for (let round = 1; round <= opts.rounds + 1; round++) {
      const since = performance.now();
      const proc: Spawned = spawnTs("apps/server/src/main.ts", { env, logFile: join(scratch.dir, "server.log") });
      await waitReady(`${url}/openapi.json`, since, proc, 60_000);
      const codesBefore = await countCodes(scratch.url);
      violations = await replayKeyed(url, world, acks);
      if ((await countCodes(scratch.url)) !== codesBefore) violations.push("an idempotent retry created another activation code");
      if (violations.length || round > opts.rounds) {
        proc.child.kill("SIGKILL");
        await proc.exited;
        break;
      }
      let stopping = false;
      const loops = Array.from({ length: opts.workers ?? 6 }, async () => {
        while (!stopping) {
          const rid = `crash-${round}-${(n += 1)}`;
          const generated = acks.filter((a) => a.kind === "generate");
          const out = await oneRequest(url, world, rnd, rid, generated);
          if (out === "unknown") {
            unknown += 1;
            return;
          }
          if (out === "refused") refused += 1;
          else acks.push(out);
        }
      });
      // Let the load run, then pull the plug without warning.
      await sleep(150 + Math.floor(rnd() * 1200));
      proc.child.kill("SIGKILL");
      stopping = true;
      await proc.exited;
      await Promise.all(loops);
      violations = await checkInvariants(scratch.url, world, acks, initialSeq);
      log(`round ${round}/${opts.rounds}: ${acks.length} acknowledged, ${unknown} cut off, ${violations.length} violations`);
      if (violations.length) break;
    }
  } finally {
    await scratch.drop();
  }
  const summary = `crash-safety: ${violations.length ? "FAIL" : "ok"} database=${database} rounds=${opts.rounds} kills=${opts.rounds} acknowledged=${acks.length} cut_off=${unknown} refused=${refused} violations=${violations.length}${violations.length ? ` first="${violations[0]}"` : ""}`;
  return { rounds: opts.rounds, acknowledged: acks.length, unknown, refused, violations, summary };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const report = await runCrashSafety({
    rounds: arg("rounds") ?? 20,
    seed: arg("seed") ?? Date.now() % 1_000_000,
    workers: arg("workers") ?? 6,
    database: process.argv[process.argv.indexOf("--database") + 1] === "postgres" ? "postgres" : "sqlite",
    log: (l) => process.stderr.write(`${l}\n`),
  });
  for (const v of report.violations) process.stderr.write(`  violation: ${v}\n`);
  process.stdout.write(`${report.summary}\n`);
  process.exit(report.violations.length ? 1 : 0);
}
