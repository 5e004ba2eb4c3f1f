// Goal 4 (`pnpm bench --scale`): employee list/search and audit queries as the data grows.
// Databases are built once by the real CLI (`demo seed --employees N --audit-events M`, its
// bulk path) and kept in bench/data/ (git-ignored); queries run in-process through
// createCaller, so the numbers are the procedure's own cost (validation, auth, SQL, mapping)
// without HTTP. Each query rotates its inputs; p95 of up to 200 calls or 3 s, at least 5 calls.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCaller, createContext, createServices, loadConfig, type Services } from "@latchkey/api";
import { sql, type SQL } from "@latchkey/db";
import type { DemoSeed } from "@latchkey/cli";
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

async function scaleDb(size: Size, log: (m: string) => void): Promise<{ dbPath: string; seed: DemoSeed }> {
  mkdirSync(DATA_DIR, { recursive: true });
  const base = join(DATA_DIR, `scale-${size.employees}-${size.events}`);
  const dbPath = `${base}.db`;
  if (!existsSync(`${base}.json`)) {
    log(`scale: building ${size.label} with \`latchkey demo seed\` (once; kept in bench/data)`);
    const seed = await seedDemo(dbPath, ["--employees", String(size.employees), "--audit-events", String(size.events)]);
    writeFileSync(`${base}.json`, JSON.stringify(seed));
  }
  return { dbPath, seed: JSON.parse(readFileSync(`${base}.json`, "utf8")) as DemoSeed };
}

interface Query {
  name: string;
  kind: "employees" | "audit";
  call: (api: ReturnType<typeof createCaller>, i: number) => Promise<unknown>;
}

async function queries(services: Services, seed: DemoSeed): Promise<Query[]> {
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
  const midAudit = span.lo !== null && span.hi !== null ? Math.floor((span.lo + span.hi) / 2) : 1;
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
    // Informational: under 3 characters no trigram index can help (not counted in the goal).
    {
      name: "employees.list, search 2 characters, no match",
      kind: "employees",
      call: (api, i) => api.employees.list({ search: ["qz", "zx", "xq"][i % 3]! }),
    },
    { name: "audit.list, first page", kind: "audit", call: (api) => api.audit.list({ limit: 50 }) },
    {
      name: "audit.list, page in the middle",
      kind: "audit",
      call: (api, i) => api.audit.list({ limit: 50, cursor: String(midAudit - i * 1000) }),
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
  ];
}

export const scaleSuite: Suite = async (ctx) => {
  const sizes = ctx.args.quick ? QUICK_SIZES : SIZES;
  if (ctx.args.prepare) {
    for (const size of sizes) await scaleDb(size, ctx.log);
    return { title: "4. Scale (databases prepared, nothing measured)", markdown: "", goals: [] };
  }
  const results = new Map<string, Map<string, number>>();
  for (const size of sizes) {
    const { dbPath, seed } = await scaleDb(size, ctx.log);
    const services = await createServices(
      loadConfig({ DATABASE_URL: `file:${dbPath}`, LATCHKEY_SECRET: BENCH_SECRET, LATCHKEY_LOG_LEVEL: "warn", LATCHKEY_WEB: "false" }),
    );
    try {
      const context = await createContext({
        services,
        meta: { ip: "127.0.0.1", requestId: "bench" },
        authorization: `Bearer ${seed.tokens.admin}`,
      });
      const caller = () => createCaller(context);
      for (const q of await queries(services, seed)) {
        if (q.kind === "audit" && size.events === 0) continue;
        let i = 0;
        // Warm the JIT, the page cache and the statements: up to 20 calls or 300 ms.
        await sampleFor(20, 300, () => q.call(caller(), i++), 1);
        const s = await sampleFor(200, ctx.args.quick ? 500 : 3000, () => q.call(caller(), i++));
        ctx.log(`scale: ${size.label}: ${q.name}: p95 ${fmt(s.p95)} ms (${s.samples.length} calls)`);
        if (!results.has(q.name)) results.set(q.name, new Map());
        results.get(q.name)!.set(size.label, s.p95);
      }
    } finally {
      await services.database.close();
    }
  }
  const employeeSizes = sizes.map((s) => s.label);
  const rows = [...results.entries()].map(([name, bySize]) => [
    name,
    ...employeeSizes.map((l) => (bySize.has(l) ? ms(bySize.get(l)!) : "—")),
  ]);
  const big = sizes[sizes.length - 1]!.label;
  const worst = (prefix: string) =>
    Math.max(
      ...[...results.entries()].filter(([n]) => n.startsWith(prefix) && !n.includes("2 characters")).map(([, m]) => m.get(big) ?? 0),
    );
  const listWorst = worst("employees.list");
  const auditWorst = worst("audit.list");
  return {
    title: "4. Scale: employee list/search and audit log",
    markdown: [
      "p95 per call, in-process through createCaller (no HTTP). The goals count every row but the 2-character search (no index can serve it).",
      "",
      table(["query", ...employeeSizes], rows),
    ].join("\n"),
    goals: [
      { name: `employees.list/search p95 at ${big} (worst query)`, target: "< 20 ms", value: ms(listWorst), met: listWorst < 20 },
      { name: `audit.list p95 at ${big} (worst filter)`, target: "< 50 ms", value: ms(auditWorst), met: auditWorst < 50 },
    ],
  };
};
