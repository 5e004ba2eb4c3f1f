// Soak: measures the capacity of a real server process under a mixed credential workload, then
// holds ~80% of it for a while (10 minutes by default) and reports errors, p99 and RSS over time.
// `pnpm soak [--minutes 10] [--fraction 0.8] [--window 30]`. Not a test: it prints a table.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seed, serverEnv, type World } from "./crash/crashLoad";
import { freePort, rssMiB, sleep, spawnTs, stop, waitReady } from "./lib/proc";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const minutes = arg("minutes", 10);
const fraction = arg("fraction", 0.8);
const windowSeconds = arg("window", 30);
const probeSeconds = arg("probe", 15);
const log = (m: string) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

interface Sample {
  at: number;
  ms: number;
  status: number;
}

let seq = 0;
/** One request of the mix: 40% reads, 20% password sets (argon2id), 20% codes issued, 10% activations, 10% resets returning a code. */
async function mixed(url: string, w: World, codes: string[]): Promise<number> {
  const r = Math.random();
  const e = w.employees[Math.floor(Math.random() * w.employees.length)]!;
  const wp = w.workplaces[Math.floor(Math.random() * w.workplaces.length)]!;
  const headers = { authorization: `Bearer ${w.token}`, "content-type": "application/json" };
  const id = (seq += 1);
  let res: Response;
  if (r < 0.4) res = await fetch(`${url}/api/trpc/employees.list?input=${encodeURIComponent(JSON.stringify({ limit: 25 }))}`, { headers });
  else if (r < 0.6)
    res = await fetch(`${url}/management/v1/users/${e.guid}/password`, {
      method: "POST",
      headers,
      body: JSON.stringify({ password: `Soak-${id}-Harbor-Lantern`, noChangeRequired: true }),
    });
  else if (r < 0.8 || codes.length === 0) {
    res = await fetch(`${url}/orgs/${w.org}/workplaces/${wp}:generate-activation-code`, {
      method: "POST",
      headers,
      body: JSON.stringify({ employee: { guid: e.guid, type_of: "Employee" } }),
    });
    if (res.status === 200) codes.push(((await res.clone().json()) as { activation_code: string }).activation_code);
    if (codes.length > 200) codes.shift();
  } else if (r < 0.9)
    res = await fetch(`${url}/auth/activate-workplace`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.${id % 250}.0.1` },
      body: JSON.stringify({ activation_code: codes.pop() }),
    });
  else res = await fetch(`${url}/v2/users/${e.guid}/password_reset`, { method: "POST", headers, body: JSON.stringify({ returnCode: {} }) });
  await res.arrayBuffer();
  return res.status;
}

async function timed(url: string, w: World, codes: string[], out: Sample[]): Promise<void> {
  const t0 = performance.now();
  let status = 0;
  try {
    status = await mixed(url, w, codes);
  } catch {
    status = 0; // network error
  }
  out.push({ at: t0, ms: performance.now() - t0, status });
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const dir = mkdtempSync(join(tmpdir(), "latchkey-soak-"));
const port = await freePort();
// Production hashing parameters: argon2id is most of the cost of a password change.
const env = {
  ...serverEnv(`file:${join(dir, "soak.db")}`, port),
  LATCHKEY_HASH_MEMORY_KIB: "19456",
  LATCHKEY_HASH_ITERATIONS: "2",
  LATCHKEY_TRUST_PROXY: "true",
};
const url = `http://127.0.0.1:${port}`;
const world = await seed(env);
const since = performance.now();
const proc = spawnTs("apps/server/src/main.ts", { env, logFile: join(dir, "server.log") });
try {
  await waitReady(`${url}/openapi.json`, since, proc);
  const codes: string[] = [];

  // 1. Capacity: a closed loop of 16 clients for `probe` seconds.
  log(`measuring capacity for ${probeSeconds}s`);
  const probe: Sample[] = [];
  const probeEnd = performance.now() + probeSeconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < probeEnd) await timed(url, world, codes, probe);
    }),
  );
  const capacity = probe.filter((s) => s.status > 0 && s.status < 500).length / probeSeconds;
  const rate = Math.max(1, capacity * fraction);
  log(`capacity ${capacity.toFixed(0)} req/s; holding ${rate.toFixed(0)} req/s for ${minutes} min`);

  // 2. Open loop at `fraction` of capacity: requests start on schedule whether or not earlier ones finished.
  const samples: Sample[] = [];
  const start = performance.now();
  const end = start + minutes * 60_000;
  const rows: string[] = [];
  let nextWindow = start + windowSeconds * 1000;
  let sent = 0;
  const inflight = new Set<Promise<void>>();
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    while (sent < due) {
      const p = timed(url, world, codes, samples).finally(() => inflight.delete(p));
      inflight.add(p);
      sent += 1;
    }
    if (performance.now() >= nextWindow) emit();
    await sleep(5);
  }
  await Promise.all(inflight);
  if (nextWindow - windowSeconds * 1000 < end) emit();
  /** One table row for the window that just ended: requests, errors, p50, p99, RSS, requests still running. */
  function emit(): void {
    const from = nextWindow - windowSeconds * 1000;
    const win = samples.filter((s) => s.at >= from && s.at < nextWindow);
    const ms = win.map((s) => s.ms);
    const cells = [
      `${((nextWindow - start) / 1000).toFixed(0)} s`,
      String(win.length),
      String(win.filter((s) => s.status === 0 || s.status >= 500).length),
      pct(ms, 50).toFixed(1),
      pct(ms, 99).toFixed(1),
      rssMiB(proc.pid).toFixed(0),
      String(inflight.size),
    ];
    const row = `| ${cells.map((c) => c.padStart(7)).join(" | ")} |`;
    rows.push(row);
    log(row);
    nextWindow += windowSeconds * 1000;
  }
  const errors = samples.filter((s) => s.status === 0 || s.status >= 500).length;
  const byStatus = new Map<number, number>();
  for (const s of samples) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  process.stdout.write(
    [
      `Soak: ${minutes} min at ${rate.toFixed(0)} req/s (${(fraction * 100).toFixed(0)}% of a measured ${capacity.toFixed(0)} req/s), mixed credential workload`,
      "",
      "|  time   | requests | errors | p50 ms  | p99 ms  | RSS MiB | inflight |",
      "|---------|----------|--------|---------|---------|---------|----------|",
      ...rows,
      "",
      `Total ${samples.length} requests, ${errors} errors (5xx or network); statuses ${[...byStatus].map(([k, v]) => `${k}:${v}`).join(" ")}; p99 overall ${pct(
        samples.map((s) => s.ms),
        99,
      ).toFixed(1)} ms`,
      "",
    ].join("\n"),
  );
} finally {
  await stop(proc);
  rmSync(dir, { recursive: true, force: true });
}
