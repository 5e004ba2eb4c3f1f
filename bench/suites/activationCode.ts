// Goals 2 and 3: generating an activation code through the LIFE POS REST path and through
// /api/trpc, against the raw baseline (bench/baseline/server.ts) doing the same work on a copy
// of the same database. Runs are interleaved (REST, tRPC, baseline, REST, …); medians are reported.
// With `--backends …,postgres`, REST on a scratch PostgreSQL database too, served by each number of
// server processes in `--instances` (the load spread over them), in the same rounds.
import { join } from "node:path";
import type { DemoSeed } from "@latchkey/cli";
import { copyDb, scratchPostgres, seedDemo } from "../lib/fixture";
import { runLoad } from "../lib/load";
import type { LoadResult } from "../lib/loadSpec";
import { sleep } from "../lib/proc";
import { deployment, profileArgs, startBaseline, startInstances, startLatchkey, type Deployment } from "../lib/servers";
import { fmt, median, ms, ratio, table } from "../lib/stats";
import type { Suite } from "./suite";

const CONNECTIONS = 50;

/** One load run: its load figures, the server's CPU per request and its longest event-loop stall (ms). */
type Run = LoadResult & { cpuPerRequest: number; stall: number };

const restRequest = (seed: DemoSeed) => {
  const auth = { authorization: `Bearer ${seed.tokens.admin}` };
  const employee = seed.employees[0]!.guid;
  return (n: number) => ({
    path: `/orgs/${seed.org.guid}/workplaces/${seed.workplaces[n % seed.workplaces.length]!.guid}:generate-activation-code`,
    headers: auth,
    body: JSON.stringify({ employee: { guid: employee, type_of: "Employee" } }),
  });
};

export const activationCodeSuite: Suite = async (ctx) => {
  const { args, workDir } = ctx;
  const dbPath = join(workDir, "activation.db");
  ctx.log("activation: seeding");
  const seed = await seedDemo(dbPath);
  const baselineDb = copyDb(dbPath, join(workDir, "activation-baseline.db"));
  const latchkey = await startLatchkey({
    dbPath,
    workDir,
    ...profileArgs(args, workDir),
  });
  const baseline = await startBaseline({ dbPath: baselineDb, workDir });
  // The same server with the default per-token request limit counting (set high enough never to
  // refuse): every request then also upserts its counter in rate_limits, a write of its own.
  const limitedDb = copyDb(dbPath, join(workDir, "activation-limited.db"));
  const limited = await startLatchkey({ dbPath: limitedDb, workDir, env: { LATCHKEY_RATE_LIMIT_PER_TOKEN: "1000000" } });
  // The other checkout gets databases of its own schema version, seeded by its own CLI.
  const compareSeed = args.compare ? await seedDemo(join(workDir, "activation-compare.db"), [], args.compare) : null;
  if (args.compare) copyDb(join(workDir, "activation-compare.db"), join(workDir, "activation-compare-limited.db"));
  const compared = args.compare
    ? await startLatchkey({ dbPath: join(workDir, "activation-compare.db"), workDir, root: args.compare })
    : null;
  const comparedLimited = args.compare
    ? await startLatchkey({
        dbPath: join(workDir, "activation-compare-limited.db"),
        workDir,
        root: args.compare,
        env: { LATCHKEY_RATE_LIMIT_PER_TOKEN: "1000000" },
      })
    : null;
  // PostgreSQL: one scratch database, seeded by the CLI, served by 1, 2, … processes in turn.
  const pg = args.backends.includes("postgres") ? await scratchPostgres("activation") : null;
  const pgTargets: { name: string; server: Deployment; request: ReturnType<typeof restRequest> }[] = [];
  try {
    if (pg) {
      ctx.log("activation: seeding PostgreSQL");
      const pgSeed = await seedDemo(pg.url);
      for (const n of args.instances)
        pgTargets.push({
          name: `REST on PostgreSQL, ${n} instance${n > 1 ? "s" : ""}`,
          server: await startInstances(n, { dbPath: pg.url, workDir, ...profileArgs(args, workDir, `postgres-${n}`) }),
          request: restRequest(pgSeed),
        });
    }
    const auth = { authorization: `Bearer ${seed.tokens.admin}` };
    const employee = seed.employees[0]!.guid;
    const wp = (n: number) => seed.workplaces[n % seed.workplaces.length]!.guid;
    const lifePos = restRequest(seed);
    const trpc = (n: number) => ({
      path: "/api/trpc/workplaces.generateActivationCode",
      headers: auth,
      body: JSON.stringify({ guid: wp(n), employeeGuid: employee }),
    });
    const targets = [
      { name: "REST (LIFE POS path)", server: latchkey, request: lifePos },
      { name: "tRPC over HTTP (/api/trpc)", server: latchkey, request: trpc },
      { name: "baseline (node:http + better-sqlite3)", server: baseline, request: lifePos },
      { name: "REST with the request limit counting", server: limited, request: lifePos },
      ...(compared ? [{ name: `REST, --compare ${args.compare}`, server: compared, request: restRequest(compareSeed!) }] : []),
      ...(comparedLimited
        ? [
            {
              name: `REST with the request limit counting, --compare ${args.compare}`,
              server: comparedLimited,
              request: restRequest(compareSeed!),
            },
          ]
        : []),
    ]
      .map((t) => ({ ...t, server: deployment([t.server]) }))
      .concat(pgTargets)
      .map((t) => ({ ...t, runs: [] as Run[] }));
    const run = async (t: (typeof targets)[number], durationS: number, rate?: number) => {
      const cpu0 = t.server.cpu();
      const since = Date.now();
      const r = await runLoad({
        url: t.server.urls,
        method: "POST",
        request: t.request,
        connections: CONNECTIONS,
        durationS,
        ...(rate ? { rate } : {}),
      });
      if (r.failed > 0 || r.errors > 0) throw new Error(`${t.name}: ${r.failed} non-2xx (first ${r.firstFailure}), ${r.errors} errors`);
      const until = Date.now();
      await sleep(400); // the probe's last line of the window reaches the log
      return { ...r, cpuPerRequest: (t.server.cpu() - cpu0) / r.ok, stall: t.server.stallMs(since, until) };
    };
    ctx.log("activation: warm-up");
    for (const t of targets) await run(t, Math.min(2, args.duration));
    for (let round = 0; round < args.rounds; round++) {
      ctx.log(`activation: round ${round + 1}/${args.rounds}`);
      for (const t of targets) t.runs.push(await run(t, args.duration));
    }
    const m = (t: (typeof targets)[number], k: "rps" | "p50" | "p99" | "cpuPerRequest" | "stall") => median(t.runs.map((r) => r[k]));
    const base = m(targets[2]!, "rps");
    const [rest, trpcT] = [targets[0]!, targets[1]!];
    // Closed-loop 50 connections saturate the server, so its latency is 50 / throughput (Little's
    // law) whatever the code does. The same 50 connections held to 80% of each target's own
    // limit (as goal 1 measures set-password) show the latency of a server that keeps up.
    const pgRows = targets.filter((t) => pgTargets.some((p) => p.name === t.name));
    const at80 = [rest, trpcT, targets[2]!, ...pgRows].map((t) => ({ t, rate: Math.round(0.8 * m(t, "rps")), runs: [] as Run[] }));
    for (let round = 0; round < args.rounds; round++) {
      ctx.log(`activation: 80% load round ${round + 1}/${args.rounds}`);
      for (const a of at80) a.runs.push(await run(a.t, args.duration, a.rate));
    }
    const p99at80 = (i: number) => median(at80[i]!.runs.map((r) => r.p99));
    const markdown = [
      `${CONNECTIONS} connections, ${args.duration} s per run, median of ${args.rounds} interleaved rounds; 4 workplaces in turn, so every request revokes the previous code of its workplace. PostgreSQL rows: one scratch database on the local server, served by that many server processes, the connections split evenly over them (CPU per request: the servers' together, PostgreSQL's own not counted; stall: the longest of any). Request limits are off (LATCHKEY_RATE_LIMIT_PER_TOKEN=0) except in the rows that say so. Longest event-loop stall: the longest single delay of the server's event loop during a run (median over the runs), from a probe the bench preloads into every server (bench/lib/loopDelayProbe.mjs).`,
      "",
      table(
        ["target", "req/s", "ratio to baseline", "p50", "p99", "server CPU per request", "longest event-loop stall"],
        targets.map((t) => [
          t.name,
          fmt(m(t, "rps")),
          ratio(m(t, "rps") / base),
          ms(m(t, "p50")),
          ms(m(t, "p99")),
          ms(m(t, "cpuPerRequest")),
          ms(m(t, "stall")),
        ]),
      ),
      "",
      table(
        [`${CONNECTIONS} connections at 80% of its own limit`, "rate", "p50", "p99", "longest event-loop stall"],
        at80.map((a, i) => [
          a.t.name,
          `${fmt(a.rate)} req/s`,
          ms(median(a.runs.map((r) => r.p50))),
          ms(p99at80(i)),
          ms(median(a.runs.map((r) => r.stall))),
        ]),
      ),
    ].join("\n");
    return {
      title: "2-3. Generate activation code (REST and tRPC vs raw baseline)",
      markdown,
      goals: [
        { name: "REST / baseline", target: ">= 0.50", value: ratio(m(rest, "rps") / base), met: m(rest, "rps") / base >= 0.5 },
        {
          name: "REST p99 at 50 connections, saturated (closed loop)",
          target: "< 25 ms",
          value: ms(m(rest, "p99")),
          met: m(rest, "p99") < 25,
        },
        { name: "REST p99 at 50 connections, 80% of its limit", target: "< 25 ms", value: ms(p99at80(0)), met: p99at80(0) < 25 },
        { name: "tRPC / baseline", target: ">= 0.25", value: ratio(m(trpcT, "rps") / base), met: m(trpcT, "rps") / base >= 0.25 },
        ...pgRows.map((t) => {
          const r = m(t, "rps") / m(rest, "rps");
          return { name: `${t.name} / REST on SQLite`, target: ">= 0.50", value: ratio(r), met: r >= 0.5 };
        }),
      ],
    };
  } finally {
    await Promise.all([
      latchkey.stop(),
      baseline.stop(),
      limited.stop(),
      compared?.stop(),
      comparedLimited?.stop(),
      ...pgTargets.map((t) => t.server.stop()),
    ]);
    await pg?.drop();
  }
};
