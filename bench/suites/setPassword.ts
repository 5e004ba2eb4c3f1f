// Goal 1: set-password is hash-bound. Pure argon2id hashing at the same concurrency and
// threadpool size is the ceiling; ZITADEL v1 `POST /management/v1/users/{id}/password` through
// the whole stack is measured against it, with the org's password history at its default (5,
// every set also verifies the last 5 hashes) and turned off (0), then at 80% of its own limit.
import { join } from "node:path";
import { copyDb, seedDemo } from "../lib/fixture";
import { runLoad } from "../lib/load";
import type { LoadResult } from "../lib/loadSpec";
import { runTs } from "../lib/proc";
import { startLatchkey, threadpoolSize, type RunningTarget } from "../lib/servers";
import { fmt, median, ms, ratio, table } from "../lib/stats";
import type { Suite } from "./suite";
import { trpcMutation } from "./trpcCall";

const CONNECTIONS = 8;
let counter = 0;
/** Unique, policy-valid, never common, never containing a demo name. */
const nextPassword = () => `Qz!${String(++counter).padStart(10, "0")}#Wy`;

interface Row {
  name: string;
  /** cpuPerOp: CPU ms per request of the whole process (argon2 threads included); mainPerOp: its main thread's. */
  runs: { rps: number; p50: number; p99: number; cpuPerOp: number; mainPerOp?: number }[];
}

const med = (row: Row, k: "rps" | "p50" | "p99" | "cpuPerOp" | "mainPerOp") => median(row.runs.map((r) => r[k] ?? NaN));

export const setPasswordSuite: Suite = async (ctx) => {
  const { args, workDir } = ctx;
  const dbPath = join(workDir, "set-password.db");
  ctx.log("set-password: seeding");
  const seed = await seedDemo(dbPath);
  let compared: RunningTarget | null = null;
  const server = await startLatchkey({
    dbPath,
    workDir,
    ...(args.profile ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${workDir}`] } : {}),
  });
  try {
    // The second demo org keeps no password history: the same request without the extra verifies.
    await trpcMutation(server.url, "settings.update", seed.tokens.instance_admin, { passwordPolicy: { history: 0 } }, seed.other_org.guid);
    const targets = seed.employees.map((e) => e.guid);
    const setPassword = (token: string, guids: string[]) => (n: number) => ({
      path: `/management/v1/users/${guids[n % guids.length]}/password`,
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ password: nextPassword(), noChangeRequired: true }),
    });
    const history5 = await setPassword(seed.tokens.admin, targets);
    const history0 = await setPassword(seed.tokens.other_org_admin, [seed.other_org_employee.guid]);
    const rest = (request: typeof history5, rate?: number, url = server.url): Promise<LoadResult> =>
      runLoad({
        url,
        method: "POST",
        request,
        connections: CONNECTIONS,
        durationS: args.duration,
        ...(rate ? { rate } : {}),
      });
    const argon2 = async () =>
      JSON.parse(
        await runTs("bench/baseline/argon2Loop.ts", [], {
          CONCURRENCY: String(CONNECTIONS),
          DURATION_MS: String(args.duration * 1000),
          UV_THREADPOOL_SIZE: threadpoolSize(),
        }),
      ) as LoadResult & { cpuPerOp: number };

    // Fill every target's history (5 entries) so each measured set verifies 5 old hashes.
    ctx.log("set-password: filling password history");
    for (let i = 0; i < 6; i++) {
      await Promise.all(
        targets.map(async (guid) => {
          const r = history5(targets.indexOf(guid));
          const res = await fetch(`${server.url}${r.path}`, {
            method: "POST",
            headers: { ...r.headers, "content-type": "application/json" },
            body: r.body,
          });
          if (res.status !== 200) throw new Error(`set-password answered ${res.status}: ${await res.text()}`);
        }),
      );
    }
    await rest(history0, undefined);
    // The other checkout opens a copy of this database, full history included.
    if (args.compare) {
      server.proc.child.kill("SIGSTOP");
      const copy = copyDb(dbPath, join(workDir, "set-password-compare.db"));
      server.proc.child.kill("SIGCONT");
      compared = await startLatchkey({ dbPath: copy, workDir, root: args.compare });
    }

    const rows: Row[] = [
      { name: "argon2id only (no HTTP, no DB)", runs: [] },
      { name: "REST set-password, history 5 (default)", runs: [] },
      { name: "REST set-password, history 0", runs: [] },
      ...(compared ? [{ name: `REST set-password, history 5, --compare ${args.compare}`, runs: [] }] : []),
    ];
    for (let round = 0; round < args.rounds; round++) {
      ctx.log(`set-password: round ${round + 1}/${args.rounds}`);
      rows[0]!.runs.push(await argon2());
      const variants: [typeof history5, RunningTarget][] = [
        [history5, server],
        [history0, server],
        ...(compared ? ([[history5, compared]] as [typeof history5, RunningTarget][]) : []),
      ];
      for (const [i, [req, target]] of variants.entries()) {
        const cpu0 = target.cpu();
        const main0 = target.mainCpu();
        const r = await rest(req, undefined, target.url);
        if (r.failed > 0 || r.errors > 0)
          throw new Error(`set-password: ${r.failed} non-2xx (first ${r.firstFailure}), ${r.errors} errors`);
        rows[i + 1]!.runs.push({ ...r, cpuPerOp: (target.cpu() - cpu0) / r.ok, mainPerOp: (target.mainCpu() - main0) / r.ok });
      }
    }
    const ceiling = med(rows[0]!, "rps");
    // p99 under an open-loop load at 80% of each variant's own measured limit.
    const at80: { name: string; rate: number; runs: LoadResult[]; req: typeof history5; url: string }[] = [
      { name: rows[1]!.name, rate: 0.8 * med(rows[1]!, "rps"), runs: [], req: history5, url: server.url },
      { name: rows[2]!.name, rate: 0.8 * med(rows[2]!, "rps"), runs: [], req: history0, url: server.url },
      ...(compared ? [{ name: rows[3]!.name, rate: 0.8 * med(rows[3]!, "rps"), runs: [], req: history5, url: compared.url }] : []),
    ];
    for (let round = 0; round < args.rounds; round++) {
      ctx.log(`set-password: 80% load round ${round + 1}/${args.rounds}`);
      for (const v of at80) v.runs.push(await rest(v.req, Math.max(1, Math.round(v.rate)), v.url));
    }
    const p99at80 = at80.map((r) => median(r.runs.map((x) => x.p99)));

    const markdown = [
      `${CONNECTIONS} connections (argon2: ${CONNECTIONS} hashes in flight), ${args.duration} s per run, median of ${args.rounds} interleaved rounds. CPU per request: the process's CPU time (every thread, argon2 included) per 2xx response; for argon2 alone, per hash. Main thread: the part of it spent on the event loop (HTTP, validation, SQL and its commit), which shares the 2 cores with argon2's threads.`,
      "",
      table(
        ["variant", "req/s", "ratio to argon2", "p50", "p99", "CPU per request", "main thread"],
        rows.map((r) => [
          r.name,
          fmt(med(r, "rps")),
          ratio(med(r, "rps") / ceiling),
          ms(med(r, "p50")),
          ms(med(r, "p99")),
          ms(med(r, "cpuPerOp")),
          r.runs.some((x) => x.mainPerOp !== undefined) ? ms(med(r, "mainPerOp")) : "—",
        ]),
      ),
      "",
      table(
        ["at 80% of its own limit", "rate", "p50", "p99"],
        at80.map((r, i) => [r.name, `${fmt(r.rate)} req/s`, ms(median(r.runs.map((x) => x.p50))), ms(p99at80[i]!)]),
      ),
    ].join("\n");
    const ratio5 = med(rows[1]!, "rps") / ceiling;
    return {
      title: "1. Set password (hash-bound)",
      markdown,
      goals: [
        { name: "set-password / argon2 (history 5)", target: ">= 0.90", value: ratio(ratio5), met: ratio5 >= 0.9 },
        { name: "set-password p99 at 80% load (history 5)", target: "< 100 ms", value: ms(p99at80[0]!), met: p99at80[0]! < 100 },
      ],
    };
  } finally {
    await Promise.all([server.stop(), compared?.stop()]);
  }
};
