// Child processes: the Latchkey server, the baseline, the CLI. Everything TypeScript runs
// through tsx, as `pnpm start` and `pnpm latchkey` do.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Fixed for reproducible fixtures; these databases only ever hold benchmark data. */
export const BENCH_SECRET = "latchkey-bench-secret-not-for-production-use-0001";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry with node + tsx; stdout and stderr go to `logFile` unless captured. */
export function spawnTs(
  entry: string,
  opts: { env?: Record<string, string>; nodeArgs?: string[]; logFile?: string; root?: string },
): Spawned {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", entry], {
    cwd: opts.root ?? ROOT,
    env: { ...process.env, NODE_ENV: "production", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (opts.logFile) {
    const log = createWriteStream(opts.logFile, { flags: "a" });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  } else {
    child.stdout!.resume();
    child.stderr!.resume();
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, pid: child.pid!, exited };
}

/** Runs a TypeScript entry to completion and returns its stdout; throws with its stderr on failure. */
export function runTs(entry: string, args: string[], root: string | undefined, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
      cwd: root ?? ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${entry} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) / 1024 : NaN;
}

/** CPU time (user + system) in ms from a /proc stat file (Linux; 100 ticks/s). */
function statCpuMs(path: string): number {
  const stat = readFileSync(path, "utf8");
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time a process has used so far, every thread included. */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time of the process's main thread (its event loop: the thread whose id is the pid). */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

export async function stop(p: Spawned): Promise<void> {
  if (p.child.exitCode !== null) return;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), 5000);
  await p.exited;
  clearTimeout(timer);
}

export const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Polls `url` until it answers with a status below 500; returns the milliseconds since `since`. */
export async function waitReady(url: string, since: number, p: Spawned, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`process ${p.pid} exited with ${p.child.exitCode} before it was ready`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await sleep(10);
  }
}
