// Goal 5: first-load JS of every console route (what a browser downloads before the page is
// interactive: every /_next/static/chunks/*.js the HTML references, in <script> tags or in the
// RSC payload, minus nomodule polyfills; gzip level 9 as Next's own report used), the server's
// start-to-ready time and its idle RSS. Needs `next build` (pnpm build) first.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { seedDemo } from "../lib/fixture";
import { ROOT, sleep } from "../lib/proc";
import { startLatchkey, type RunningTarget } from "../lib/servers";
import { fmt, median, ms, table } from "../lib/stats";
import type { Suite } from "./suite";

const NEXT_DIR = join(ROOT, "apps", "web", ".next");
const BUDGET_KB = 200;

/** Route patterns from the build, with sample values for their parameters. */
function routes(params: Record<string, string>): string[] {
  const manifest = JSON.parse(readFileSync(join(NEXT_DIR, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([entry, r]) => entry.endsWith("/page") && !r.startsWith("/_"))
    .map(([, r]) => r)
    .sort()
    .map((r) => r.replace(/\[(\w+)\]/g, (whole, name: string) => params[name] ?? whole));
}

async function signIn(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lk_session="));
  if (!res.ok || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie.split(";")[0]!;
}

const gzipCache = new Map<string, number>();
function gzipKb(chunk: string): number {
  let size = gzipCache.get(chunk);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(NEXT_DIR, chunk.replace(/^\/?_next\//, ""))), { level: 9 }).length / 1024;
    gzipCache.set(chunk, size);
  }
  return size;
}

async function firstLoad(server: RunningTarget, path: string, cookie: string): Promise<{ status: number; kb: number; chunks: number }> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual" });
  const html = await res.text();
  const nomodule = new Set([...html.matchAll(/<script[^>]*src="([^"]+)"[^>]*noModule/gi)].map((m) => m[1]!));
  const chunks = new Set(
    [...html.matchAll(/(?:\/_next\/)?static\/chunks\/[\w\-./[\]%]+?\.js/g)]
      .map((m) => m[0].replace(/^\/_next\//, ""))
      .filter((c) => !nomodule.has(`/_next/${c}`)),
  );
  let kb = 0;
  for (const c of chunks) kb += gzipKb(decodeURIComponent(c));
  return { status: res.status, kb, chunks: chunks.size };
}

export const webSuite: Suite = async (ctx) => {
  if (!existsSync(join(NEXT_DIR, "BUILD_ID"))) {
    return { title: "5. Web", markdown: "Skipped: no `next build` output (run `pnpm build` first).", goals: [] };
  }
  const dbPath = join(ctx.workDir, "web.db");
  const seed = await seedDemo(dbPath);
  const rounds = ctx.args.rounds;
  const startWeb: number[] = [];
  const startApi: number[] = [];
  const rssWeb: number[] = [];
  const rssApi: number[] = [];
  let pages: { path: string; status: number; kb: number; chunks: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    ctx.log(`web: start round ${round + 1}/${rounds}`);
    const api = await startLatchkey({ dbPath, workDir: ctx.workDir, web: false });
    startApi.push(api.readyMs);
    await sleep(2000);
    rssApi.push(api.rss());
    await api.stop();
    const web = await startLatchkey({ dbPath, workDir: ctx.workDir, web: true, readyPath: "/sign-in" });
    startWeb.push(web.readyMs);
    try {
      const cookie = await signIn(web.url, seed.owner.email, seed.owner.password);
      // Every route once (compiles nothing in production, but warms Next's caches as real use would).
      const list = routes({ guid: seed.employees[0]!.guid });
      const patterns = routes({});
      pages = [];
      for (const [i, path] of list.entries()) pages.push({ path: patterns[i]!, ...(await firstLoad(web, path, cookie)) });
      await sleep(3000);
      rssWeb.push(web.rss());
    } finally {
      await web.stop();
    }
  }
  const consolePages = pages.filter((p) => p.path.startsWith("/console"));
  const worst = Math.max(...consolePages.map((p) => p.kb));
  const markdown = [
    table(
      ["route", "status", "JS chunks", "first-load JS (gzip)"],
      pages.map((p) => [p.path, String(p.status), String(p.chunks), `${fmt(p.kb)} kB`]),
    ),
    "",
    `Start-to-ready: from spawning \`node --import tsx apps/server/src/main.ts\` (what \`pnpm start\` runs after its build step) to the first answer; median of ${rounds}. Idle RSS: after the routes above were served once, 3 s idle (API only: 2 s after start).`,
    "",
    table(
      ["server", "start-to-ready", "idle RSS"],
      [
        ["API only (LATCHKEY_WEB=false), first /openapi.json", ms(median(startApi)), `${fmt(median(rssApi))} MiB`],
        ["with the web app, first /sign-in page", ms(median(startWeb)), `${fmt(median(rssWeb))} MiB`],
      ],
    ),
  ].join("\n");
  return {
    title: "5. Web: first-load JS, start-up, memory",
    markdown,
    goals: [
      {
        name: "first-load JS of the heaviest console route",
        target: `< ${BUDGET_KB} kB gzip`,
        value: `${fmt(worst)} kB`,
        met: worst < BUDGET_KB,
      },
    ],
  };
};
