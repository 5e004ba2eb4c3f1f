// Goal 4 (`pnpm bench --scale`): employee list/search and audit queries as the data grows.
// Databases are built once by the real CLI (`demo seed --employees N --audit-events M`, its
// bulk path) and kept in bench/data/ (git-ignored); queries run in-process through
// createCaller, so the numbers are the procedure's own cost (validation, auth, SQL, mapping)
// without HTTP. Each query rotates its inputs; p95 of up to 200 calls or 3 s, at least 5 calls.
// On PostgreSQL (`--backends …,postgres`) each size is a database of its own on the local server
// (lk_bench_scale_<employees>_<events>), kept like the SQLite files. Every query is also run as
// the admin of the demo's small second organization, which shares the database with the big one,
// and the longest event-loop stall of the calls is shown: a synchronous SQLite query holds the
// loop (every other request of the process waits) for as long as it runs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { createCaller, createContext, createServices, loadConfig, type Services } from "@latchkey/api";
import { sql, type SQL } from "@latchkey/db";
import { TEST_POSTGRES_URL } from "@latchkey/db/testing";
import type { DemoSeed } from "@latchkey/cli";
import type { Backend } from "../lib/args";
import { seedDemo } from "../lib/fixture";
import { BENCH_SECRET, ROOT } from "../lib/proc";
import { fmt, ms, sampleFor, table } from "../lib/stats";
import type { Suite } from "./suite";

interface Size {
  label: string;
  employees: number;
  events: number;
}

const SIZES: Size[] = [
  { label: "10k employees / 1M events", employees: 10_000, events: 1_000_000 },
  { label: "100k employees", employees: 100_000, events: 0 },
  { label: "1M employees / 10M events", employees: 1_000_000, events: 10_000_000 },
];
const QUICK_SIZES: Size[] = [
  { label: "1k employees / 10k events", employees: 1_000, events: 10_000 },
  { label: "10k employees / 100k events", employees: 10_000, events: 100_000 },
];

const DATA_DIR = join(ROOT, "bench", "data");
const FIRST_NAMES = ["alexei", "maria", "dmitri", "elena", "ivan", "olga"];

/** A database on the local PostgreSQL server, created if missing (kept between runs, as bench/data is). */
async function postgresDb(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function vacuumAnalyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

/** The database of a size (its DATABASE_URL) and the demo seed it was built with. */
async function scaleDb(backend: Backend, size: Size, log: (m: string) => void): Promise<{ url: string; seed: DemoSeed }> {
  mkdirSync(DATA_DIR, { recursive: true });
  const name = `scale-${backend === "postgres" ? "pg-" : ""}${size.employees}-${size.events}`;
  const base = join(DATA_DIR, name);
  const url = backend === "postgres" ? await postgresDb(`lk_bench_${name.replace(/-/g, "_")}`) : `file:${base}.db`;
  if (!existsSync(`${base}.json`)) {
    log(`scale: building ${size.label} on ${backend} with \`latchkey demo seed\` (once; kept)`);
    const seed = await seedDemo(url, ["--employees", String(size.employees), "--audit-events", String(size.events)]);
    // A bulk-loaded PostgreSQL database has no planner statistics and no visibility map until
    // autovacuum gets to it; a server that has been running has both. Without them the planner
    // walks a million rows for a page of a rare filter (250 ms instead of 1.4 ms here).
    if (backend === "postgres") await vacuumAnalyze(url);
    writeFileSync(`${base}.json`, JSON.stringify(seed));
  }
  return { url, seed: JSON.parse(readFileSync(`${base}.json`, "utf8")) as DemoSeed };
}

interface Query {
  name: string;
  kind: "employees" | "audit";
  /** Asked as the admin of the small second organization, beside the big one. */
  small?: boolean;
  call: (api: ReturnType<typeof createCaller>, i: number) => Promise<unknown>;
}

/**
 * A phone prefix of the last tenth of the bulk employees (the seed numbers them +77 and nine
 * digits): a term common in the organization, whose matches all sit at the end of its id order.
 */
function lastTenthPhonePrefix(employees: number): string {
  const varying = Math.max(0, Math.round(Math.log10(employees / 10)));
  return `+77${String(employees - employees / 10)
    .padStart(9, "0")
    .slice(0, 9 - varying)}`;
}

async function queries(services: Services, seed: DemoSeed, size: Size): Promise<Query[]> {
  const { database } = services;
  // Raw SQL through the database, so the suite runs on either dialect.
  const one = async <R>(query: SQL) => (await database.rows<R>(database.db, query))[0]!;
  const org = seed.org.guid;
  const count = Number((await one<{ n: number }>(sql`SELECT count(*) AS n FROM employees WHERE org_guid = ${org}`)).n);
  const midEmployee = (
    await database.rows<{ id: number }>(
      database.db,
      sql`SELECT id FROM employees WHERE org_guid = ${org} ORDER BY id LIMIT 1 OFFSET ${count >> 1}`,
    )
  )[0];
  const span = await one<{ lo: number | null; hi: number | null; t0: number | null; t1: number | null }>(
    sql`SELECT min(id) AS lo, max(id) AS hi, min(created_at) AS t0, max(created_at) AS t1 FROM audit_events WHERE org_guid = ${org}`,
  );
  const targets = (
    await database.rows<{ guid: string }>(database.db, sql`SELECT guid FROM employees WHERE org_guid = ${org} ORDER BY id DESC LIMIT 50`)
  ).map((r) => r.guid);
  const day = (offset: number) =>
    new Date((span.t0 ?? 0) + ((span.t1 ?? 0) - (span.t0 ?? 0)) / 2 + offset * 86_400_000).toISOString().slice(0, 10);
  // Cursors from the middle of the organization's events, stepping back 1,000 per call and
  // wrapping within its ids: on a small database the old "middle minus 1,000 a call" went
  // negative, a cursor the list refuses.
  const lo = Number(span.lo ?? 1);
  const width = Math.max(1, Number(span.hi ?? 1) - lo);
  const midAudit = (i: number) => lo + (((((width >> 1) - i * 1000) % width) + width) % width);
  const rare = (i: number) => String(100_000 + ((i * 7919) % 900_000));
  return [
    { name: "employees.list, first page", kind: "employees", call: (api) => api.employees.list({}) },
    {
      name: "employees.list, page in the middle",
      kind: "employees",
      call: (api, i) => api.employees.list({ cursor: String((midEmployee?.id ?? 1) + i) }),
    },
    {
      name: "employees.list, search common name",
      kind: "employees",
      call: (api, i) => api.employees.list({ search: FIRST_NAMES[i % FIRST_NAMES.length]! }),
    },
    { name: "employees.list, search rare (6 digits)", kind: "employees", call: (api, i) => api.employees.list({ search: rare(i) }) },
    { name: "employees.list, search no match", kind: "employees", call: (api, i) => api.employees.list({ search: `qzx${i}` }) },
    // Between common and rare: a 3-digit run, in about 1 employee in 250, spread over the organization.
    {
      name: "employees.list, search 1 in 250 (3 digits)",
      kind: "employees",
      call: (api, i) => api.employees.list({ search: ["555", "373", "818"][i % 3]! }),
    },
    // Common, but nowhere near the organization's first rows.
    {
      name: "employees.list, search 1 in 10, all at the end",
      kind: "employees",
      call: (api) => api.employees.list({ search: lastTenthPhonePrefix(size.employees) }),
    },
    // Under 3 characters no index can help: past 2,000 employees the term is refused (the time
    // to say so is what is measured), in a small organization its rows are read one by one.
    {
      name: "employees.list, search 2 characters (refused past 2,000 employees)",
      kind: "employees",
      call: (api, i) =>
        api.employees.list({ search: ["qz", "zx", "xq"][i % 3]! }).catch((err: unknown) => {
          if ((err as { cause?: { code?: string } }).cause?.code !== "RequestIsNotValid") throw err;
        }),
    },
    // The console's filters, for what a big organization has little or none of: each is a seek in
    // an index of its own, not a walk of every row until a page is full.
    { name: "employees.list, role owner (rare)", kind: "employees", call: (api) => api.employees.list({ role: "owner" }) },
    { name: "employees.list, status archived (rare)", kind: "employees", call: (api) => api.employees.list({ status: "archived" }) },
    { name: "employees.list, status locked (none)", kind: "employees", call: (api) => api.employees.list({ status: "locked" }) },
    { name: "employees.count, status locked (none)", kind: "employees", call: (api) => api.employees.count({ status: "locked" }) },
    // The total the console shows above the list.
    { name: "employees.count", kind: "employees", call: (api) => api.employees.count({}) },
    {
      name: "employees.count, search common name",
      kind: "employees",
      call: (api, i) => api.employees.count({ search: FIRST_NAMES[i % FIRST_NAMES.length]! }),
    },
    { name: "employees.count, search no match", kind: "employees", call: (api, i) => api.employees.count({ search: `qzx${i}` }) },
    { name: "audit.list, first page", kind: "audit", call: (api) => api.audit.list({ limit: 50 }) },
    {
      name: "audit.list, page in the middle",
      kind: "audit",
      call: (api, i) => api.audit.list({ limit: 50, cursor: String(midAudit(i)) }),
    },
    { name: "audit.list, by action", kind: "audit", call: (api) => api.audit.list({ limit: 50, action: "employee.set_password" }) },
    {
      name: "audit.list, by target",
      kind: "audit",
      call: (api, i) => api.audit.list({ limit: 50, targetId: targets[i % targets.length]! }),
    },
    { name: "audit.list, failures only", kind: "audit", call: (api) => api.audit.list({ limit: 50, outcome: "failure" }) },
    {
      name: "audit.list, one day in the middle",
      kind: "audit",
      call: (api, i) => api.audit.list({ limit: 50, from: day(i % 3), to: day(i % 3) }),
    },
    {
      name: "audit.list, one day in the middle, by action",
      kind: "audit",
      call: (api, i) => api.audit.list({ limit: 50, action: "employee.set_password", from: day(i % 3), to: day(i % 3) }),
    },
    { name: "audit.dailyCounts, 30 days (chart)", kind: "audit", call: (api) => api.audit.dailyCounts({ days: 30 }) },
    ...SMALL_ORG_QUERIES,
  ];
}

/** The console's pages for an organization of a few people, in the database of the big one. */
const SMALL_ORG_QUERIES: Query[] = [
  { name: "small org: employees.list, first page", kind: "employees", small: true, call: (api) => api.employees.list({}) },
  {
    name: "small org: employees.list, search common name",
    kind: "employees",
    small: true,
    call: (api, i) => api.employees.list({ search: FIRST_NAMES[i % FIRST_NAMES.length]! }),
  },
  {
    name: "small org: employees.list, search 2 characters",
    kind: "employees",
    small: true,
    call: (api, i) => api.employees.list({ search: ["qz", "zx", "xq"][i % 3]! }),
  },
  { name: "small org: employees.count", kind: "employees", small: true, call: (api) => api.employees.count({}) },
  {
    name: "small org: employees.count, search common name",
    kind: "employees",
    small: true,
    call: (api, i) => api.employees.count({ search: FIRST_NAMES[i % FIRST_NAMES.length]! }),
  },
  { name: "small org: audit.list, first page", kind: "audit", small: true, call: (api) => api.audit.list({ limit: 50 }) },
  {
    name: "small org: audit.list, by action",
    kind: "audit",
    small: true,
    call: (api) => api.audit.list({ limit: 50, action: "employee.set_password" }),
  },
  { name: "small org: audit.dailyCounts, 30 days", kind: "audit", small: true, call: (api) => api.audit.dailyCounts({ days: 30 }) },
];

const BACKEND_NAMES: Record<Backend, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** The longest event-loop delay while `work` runs (ms): a synchronous query shows as its own length. */
async function withStall<T>(work: () => Promise<T>): Promise<{ result: T; stall: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  try {
    const result = await work();
    return { result, stall: h.max / 1e6 };
  } finally {
    h.disable();
  }
}

export const scaleSuite: Suite = async (ctx) => {
  const sizes: Size[] = ctx.args.sizes
    ? ctx.args.sizes.map((s) => ({ ...s, label: `${fmt(s.employees)} employees${s.events ? ` / ${fmt(s.events)} events` : ""}` }))
    : ctx.args.quick
      ? QUICK_SIZES
      : SIZES;
  if (ctx.args.prepare) {
    for (const backend of ctx.args.backends) for (const size of sizes) await scaleDb(backend, size, ctx.log);
    return { title: "4. Scale (databases prepared, nothing measured)", markdown: "", goals: [] };
  }
  // query name -> column ("SQLite, 1M employees …") -> p95 and longest stall (ms)
  const results = new Map<string, Map<string, { p95: number; stall: number }>>();
  const columns: { backend: Backend; size: Size; label: string }[] = [];
  for (const backend of ctx.args.backends)
    for (const size of sizes) {
      const column = `${BACKEND_NAMES[backend]}, ${size.label}`;
      columns.push({ backend, size, label: column });
      const { url, seed } = await scaleDb(backend, size, ctx.log);
      const services = await createServices(
        loadConfig({ DATABASE_URL: url, LATCHKEY_SECRET: BENCH_SECRET, LATCHKEY_LOG_LEVEL: "warn", LATCHKEY_WEB: "false" }),
      );
      try {
        const contextOf = (token: string) =>
          createContext({ services, meta: { ip: "127.0.0.1", requestId: "bench" }, authorization: `Bearer ${token}` });
        const [big, small] = [await contextOf(seed.tokens.admin), await contextOf(seed.tokens.other_org_admin)];
        for (const q of await queries(services, seed, size)) {
          if (q.kind === "audit" && size.events === 0) continue;
          const caller = () => createCaller(q.small ? small : big);
          let i = 0;
          // Warm the JIT, the page cache and the statements: up to 20 calls or 300 ms.
          await sampleFor(20, 300, () => q.call(caller(), i++), 1);
          const { result: s, stall } = await withStall(() => sampleFor(200, ctx.args.quick ? 500 : 3000, () => q.call(caller(), i++)));
          ctx.log(`scale: ${column}: ${q.name}: p95 ${fmt(s.p95)} ms, stall ${fmt(stall)} ms (${s.samples.length} calls)`);
          if (!results.has(q.name)) results.set(q.name, new Map());
          results.get(q.name)!.set(column, { p95: s.p95, stall });
        }
      } finally {
        await services.database.close();
      }
    }
  const cell = (name: string, column: string, k: "p95" | "stall") => {
    const v = results.get(name)?.get(column);
    return v ? ms(v[k]) : "—";
  };
  const tables = ctx.args.backends.map((backend) => {
    const cols = columns.filter((c) => c.backend === backend);
    return [
      `**${BACKEND_NAMES[backend]}**`,
      "",
      table(
        ["query", ...cols.flatMap((c) => [`p95, ${c.size.label}`, "longest stall"])],
        [...results.keys()].map((name) => [name, ...cols.flatMap((c) => [cell(name, c.label, "p95"), cell(name, c.label, "stall")])]),
      ),
    ].join("\n");
  });
  const goals = ctx.args.backends.flatMap((backend) => {
    const big = columns.filter((c) => c.backend === backend).at(-1)!;
    const worst = (pick: (name: string) => boolean) =>
      Math.max(...[...results.entries()].filter(([n]) => pick(n)).map(([, m]) => m.get(big.label)?.p95 ?? 0));
    const at = big.label;
    const listWorst = worst((n) => n.startsWith("employees.list"));
    const countWorst = worst((n) => n.startsWith("employees.count"));
    const auditWorst = worst((n) => n.startsWith("audit.list"));
    const smallWorst = worst((n) => n.startsWith("small org:"));
    return [
      { name: `employees.list/search p95, ${at} (worst query)`, target: "< 20 ms", value: ms(listWorst), met: listWorst < 20 },
      { name: `employees.count p95, ${at} (worst filter)`, target: "< 20 ms", value: ms(countWorst), met: countWorst < 20 },
      { name: `audit.list p95, ${at} (worst filter)`, target: "< 50 ms", value: ms(auditWorst), met: auditWorst < 50 },
      { name: `small org beside the big one, p95, ${at} (worst query)`, target: "< 5 ms", value: ms(smallWorst), met: smallWorst < 5 },
    ];
  });
  return {
    title: "4. Scale: employee list/search and audit log",
    markdown: [
      "p95 per call, in-process through createCaller (no HTTP). Longest stall: the longest event-loop delay while that query's calls ran (`monitorEventLoopDelay`, 1 ms resolution); a synchronous SQLite query holds the loop, and every other request of the process waits, for as long as it runs. The goals count every row (a 2-character search is refused past 2,000 employees: no index can serve it). Small org: the demo's second organization (a few people and events), asked by its own admin in the same database as the big one.",
      "",
      ...tables.flatMap((t) => [t, ""]),
    ].join("\n"),
    goals,
  };
};
