// Goal 1: set-password is hash-bound. Pure argon2id hashing at the same concurrency and
// threadpool size is the ceiling; ZITADEL v1 `POST /management/v1/users/{id}/password` through
// the whole stack is measured against it, with the org's password history at its default (5,
// every set also verifies the last 5 hashes) and turned off (0), then at 80% of its own limit.
// With `--backends …,postgres`: the same request (history 5) on a scratch PostgreSQL database,
// served by each number of server processes in `--instances`, in the same interleaved rounds.
import { join } from "node:path";
import type { DemoSeed } from "@latchkey/cli";
import { scratchPostgres, seedDemo } from "../lib/fixture";
import { runLoad } from "../lib/load";
import type { LoadResult } from "../lib/loadSpec";
import { runTs } from "../lib/proc";
import { deployment, profileArgs, startInstances, startLatchkey, threadpoolSize, type Deployment } from "../lib/servers";
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

type Request = (n: number) => { path: string; headers: Record<string, string>; body: string };

const setPassword =
  (token: string, guids: string[]): Request =>
  (n) => ({
    path: `/management/v1/users/${guids[n % guids.length]}/password`,
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ password: nextPassword(), noChangeRequired: true }),
  });

/** Sets every demo employee's password 6 times, so each measured set verifies a full history of 5. */
async function fillHistory(url: string, seed: DemoSeed): Promise<Request> {
  const targets = seed.employees.map((e) => e.guid);
  const history5 = setPassword(seed.tokens.admin, targets);
  for (let i = 0; i < 6; i++) {
    await Promise.all(
      targets.map(async (_, j) => {
        const r = history5(j);
        const res = await fetch(`${url}${r.path}`, {
          method: "POST",
          headers: { ...r.headers, "content-type": "application/json" },
          body: r.body,
        });
        if (res.status !== 200) throw new Error(`set-password answered ${res.status}: ${await res.text()}`);
      }),
    );
  }
  return history5;
}

export const setPasswordSuite: Suite = async (ctx) => {
  const { args, workDir } = ctx;
  const dbPath = join(workDir, "set-password.db");
  ctx.log("set-password: seeding");
  const seed = await seedDemo(dbPath);
  const started: Deployment[] = [];
  const server = await startLatchkey({
    dbPath,
    workDir,
    ...profileArgs(args, workDir),
  });
  started.push(deployment([server]));
  const pg = args.backends.includes("postgres") ? await scratchPostgres("set_password") : null;
  try {
    // The second demo org keeps no password history: the same request without the extra verifies.
    await trpcMutation(server.url, "settings.update", seed.tokens.instance_admin, { passwordPolicy: { history: 0 } }, seed.other_org.guid);
    const history0 = setPassword(seed.tokens.other_org_admin, [seed.other_org_employee.guid]);
    const rest = (request: Request, target: Deployment, rate?: number): Promise<LoadResult> =>
      runLoad({
        url: target.urls,
        method: "POST",
        request,
        connections: CONNECTIONS,
        durationS: args.duration,
        ...(rate ? { rate } : {}),
      });
    const argon2 = async () =>
      JSON.parse(
        await runTs("bench/baseline/argon2Loop.ts", [], undefined, {
          CONCURRENCY: String(CONNECTIONS),
          DURATION_MS: String(args.duration * 1000),
          UV_THREADPOOL_SIZE: threadpoolSize(),
        }),
      ) as LoadResult & { cpuPerOp: number };

    ctx.log("set-password: filling password history");
    const history5 = await fillHistory(server.url, seed);
    const sqlite = started[0]!;
    await rest(history0, sqlite);
    const variants: { name: string; req: Request; target: Deployment; pg?: boolean }[] = [
      { name: "REST set-password, history 5 (default)", req: history5, target: sqlite },
      { name: "REST set-password, history 0", req: history0, target: sqlite },
    ];
    // The other checkout gets a database of its own schema version, seeded by its own CLI.
    if (args.compare) {
      const copy = join(workDir, "set-password-compare.db");
      const compareSeed = await seedDemo(copy, [], args.compare);
      const compared = deployment([await startLatchkey({ dbPath: copy, workDir, root: args.compare })]);
      started.push(compared);
      const req = await fillHistory(compared.urls[0]!, compareSeed);
      variants.push({ name: `REST set-password, history 5, --compare ${args.compare}`, req, target: compared });
    }
    if (pg) {
      ctx.log("set-password: seeding PostgreSQL");
      const pgSeed = await seedDemo(pg.url);
      for (const n of args.instances) {
        const target = await startInstances(n, { dbPath: pg.url, workDir, ...profileArgs(args, workDir, `postgres-${n}`) });
        started.push(target);
        // One history fill for the database, through the first deployment.
        const req = await (variants.find((v) => v.pg)?.req ?? fillHistory(target.urls[0]!, pgSeed));
        await rest(req, target);
        variants.push({ name: `REST set-password on PostgreSQL, ${n} instance${n > 1 ? "s" : ""}, history 5`, req, target, pg: true });
      }
    }

    const rows: Row[] = [{ name: "argon2id only (no HTTP, no DB)", runs: [] }, ...variants.map((v) => ({ name: v.name, runs: [] }))];
    for (let round = 0; round < args.rounds; round++) {
      ctx.log(`set-password: round ${round + 1}/${args.rounds}`);
      rows[0]!.runs.push(await argon2());
      for (const [i, v] of variants.entries()) {
        const cpu0 = v.target.cpu();
        const main0 = v.target.mainCpu();
        const r = await rest(v.req, v.target);
        if (r.failed > 0 || r.errors > 0)
          throw new Error(`set-password: ${r.failed} non-2xx (first ${r.firstFailure}), ${r.errors} errors`);
        rows[i + 1]!.runs.push({ ...r, cpuPerOp: (v.target.cpu() - cpu0) / r.ok, mainPerOp: (v.target.mainCpu() - main0) / r.ok });
      }
    }
    const ceiling = med(rows[0]!, "rps");
    // p99 under an open-loop load at 80% of each variant's own measured limit.
    const at80 = variants.map((v, i) => ({ ...v, rate: 0.8 * med(rows[i + 1]!, "rps"), runs: [] as LoadResult[] }));
    for (let round = 0; round < args.rounds; round++) {
      ctx.log(`set-password: 80% load round ${round + 1}/${args.rounds}`);
      for (const v of at80) v.runs.push(await rest(v.req, v.target, Math.max(1, Math.round(v.rate))));
    }
    const p99at80 = at80.map((r) => median(r.runs.map((x) => x.p99)));

    const markdown = [
      `${CONNECTIONS} connections (argon2: ${CONNECTIONS} hashes in flight), ${args.duration} s per run, median of ${args.rounds} interleaved rounds. CPU per request: the process's CPU time (every thread, argon2 included) per 2xx response; for argon2 alone, per hash. Main thread: the part of it spent on the event loop (HTTP, validation, SQL and its commit), which shares the 2 cores with argon2's threads. PostgreSQL rows: one scratch database on the local server (same 2 cores), that many server processes, the connections split evenly over them; CPU is the servers' together (PostgreSQL's own not counted).`,
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
        ...variants.flatMap((v, i) => {
          if (!v.pg) return [];
          const r = med(rows[i + 1]!, "rps") / ceiling;
          return [
            {
              name: `${v.name.replace("REST set-password on ", "set-password on ")} / argon2`,
              target: ">= 0.70",
              value: ratio(r),
              met: r >= 0.7,
            },
          ];
        }),
      ],
    };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await pg?.drop();
  }
};
