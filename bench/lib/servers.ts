// The two servers under test: Latchkey itself (apps/server, as `pnpm start` runs it) and the
// raw baseline (bench/baseline/server.ts). Both open their own copy of a seeded database.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdirSync, readFileSync } from "node:fs";
import type { BenchArgs } from "./args";
import { databaseUrl } from "./fixture";
import { BENCH_SECRET, cpuMs, freePort, mainThreadCpuMs, rssMiB, spawnTs, stop, waitReady, type Spawned } from "./proc";

/** `pnpm start` sizes libuv's threadpool to the cores unless UV_THREADPOOL_SIZE is set. */
export const threadpoolSize = () => process.env["UV_THREADPOOL_SIZE"] ?? String(availableParallelism());

export interface RunningTarget {
  name: string;
  url: string;
  proc: Spawned;
  /** Milliseconds from spawn to the first answer on `readyPath`. */
  readyMs: number;
  rss(): number;
  /** CPU time used so far (ms): its change over a run divided by the requests is the CPU per request. */
  cpu(): number;
  /** The same for the main thread alone (HTTP, validation, SQL; not argon2's threadpool). */
  mainCpu(): number;
  /** The longest event-loop delay (ms) seen between two Date.now() instants (lib/loopDelayProbe.mjs). */
  stallMs(from: number, to: number): number;
  stop(): Promise<void>;
}

/** With --profile, the node flags that write a server's CPU profile into workDir (or a folder of it) when it exits. */
export function profileArgs(args: BenchArgs, workDir: string, folder?: string): { nodeArgs?: string[] } {
  if (!args.profile) return {};
  const dir = folder ? join(workDir, folder) : workDir;
  mkdirSync(dir, { recursive: true });
  return { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] };
}

export interface LatchkeyOptions {
  /** A SQLite file, or a `postgres://` URL (several servers may share one PostgreSQL database). */
  dbPath: string;
  workDir: string;
  web?: boolean;
  env?: Record<string, string>;
  /** Extra node flags (--cpu-prof …). */
  nodeArgs?: string[];
  readyPath?: string;
  /** Another checkout to run (`--compare DIR`: the same suite against code before a change). */
  root?: string;
}

/** The environment every benchmark server gets: request limits off, so the load is not refused with 429. */
function latchkeyEnv(dbPath: string, port: number, web: boolean): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl(dbPath),
    LATCHKEY_SECRET: BENCH_SECRET,
    LATCHKEY_WEB: String(web),
    LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
    LATCHKEY_RATE_LIMIT_PER_IP: "0",
    LATCHKEY_ADMIN_EMAIL: "bench-admin@latchkey.test",
    LATCHKEY_ADMIN_PASSWORD: "bench-admin-Password-1!",
    // As scripts/start.sh sets it (the argon2 ceiling in the set-password suite gets the same).
    UV_THREADPOOL_SIZE: threadpoolSize(),
  };
}

export async function startLatchkey(opts: LatchkeyOptions): Promise<RunningTarget> {
  const port = await freePort();
  const since = performance.now();
  const proc = spawnTs("apps/server/src/main.ts", {
    env: { ...latchkeyEnv(opts.dbPath, port, opts.web ?? false), ...opts.env },
    nodeArgs: [...PROBE, ...(opts.nodeArgs ?? [])],
    logFile: join(opts.workDir, `latchkey-${port}.log`),
    ...(opts.root ? { root: opts.root } : {}),
  });
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(`${url}${opts.readyPath ?? "/openapi.json"}`, since, proc);
  return running("latchkey", url, proc, readyMs, join(opts.workDir, `latchkey-${port}.log`));
}

export async function startBaseline(opts: { dbPath: string; workDir: string; env?: Record<string, string> }): Promise<RunningTarget> {
  const port = await freePort();
  const since = performance.now();
  const proc = spawnTs("bench/baseline/server.ts", {
    env: { PORT: String(port), BASELINE_DB: opts.dbPath, LATCHKEY_SECRET: BENCH_SECRET, ...opts.env },
    nodeArgs: PROBE,
    logFile: join(opts.workDir, `baseline-${port}.log`),
  });
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(`${url}/health`, since, proc);
  return running("baseline", url, proc, readyMs, join(opts.workDir, `baseline-${port}.log`));
}

/** Both servers run with the event-loop delay probe (its lines land in their log files). */
const PROBE = ["--import", fileURLToPath(new URL("./loopDelayProbe.mjs", import.meta.url))];

/** The longest delay the probe logged in a window; its lines come every 250 ms. */
function stallIn(logFile: string, from: number, to: number): number {
  let max = 0;
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    const m = /^LOOPDELAY (\d+) ([\d.]+)$/.exec(line);
    if (m && Number(m[1]) > from && Number(m[1]) <= to + 250) max = Math.max(max, Number(m[2]));
  }
  return max;
}

/** A started server with its /proc readings (Linux) and its log file. */
function running(name: string, url: string, proc: Spawned, readyMs: number, logFile: string): RunningTarget {
  return {
    name,
    url,
    proc,
    readyMs,
    rss: () => rssMiB(proc.pid),
    cpu: () => cpuMs(proc.pid),
    mainCpu: () => mainThreadCpuMs(proc.pid),
    stallMs: (from, to) => stallIn(logFile, from, to),
    stop: () => stop(proc),
  };
}

/**
 * Several servers seen as one target: the load is spread over their URLs (lib/load.ts), CPU is
 * the sum of theirs and the stall the longest of any.
 */
export interface Deployment {
  urls: string[];
  cpu(): number;
  mainCpu(): number;
  stallMs(from: number, to: number): number;
  stop(): Promise<void>;
}

export function deployment(targets: readonly RunningTarget[]): Deployment {
  const sum = (f: (t: RunningTarget) => number) => targets.reduce((a, t) => a + f(t), 0);
  return {
    urls: targets.map((t) => t.url),
    cpu: () => sum((t) => t.cpu()),
    mainCpu: () => sum((t) => t.mainCpu()),
    stallMs: (from, to) => Math.max(...targets.map((t) => t.stallMs(from, to))),
    stop: async () => void (await Promise.all(targets.map((t) => t.stop()))),
  };
}

/** `n` Latchkey servers on one PostgreSQL database, started one after another (the first migrates). */
export async function startInstances(n: number, opts: LatchkeyOptions): Promise<Deployment> {
  const started: RunningTarget[] = [];
  try {
    for (let i = 0; i < n; i++) started.push(await startLatchkey(opts));
  } catch (err) {
    await Promise.all(started.map((t) => t.stop()));
    throw err;
  }
  return deployment(started);
}
