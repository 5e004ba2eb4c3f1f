// Starts the real server (node:http -> Hono + the built Next app) on a fresh temp SQLite file,
// seeds two organizations through the procedures, and opens real Chromium. One per test file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import {
  createCaller,
  createContext,
  createLogger,
  createServices,
  createSystemContext,
  ensureInstanceAdmin,
  loadConfig,
  type Services,
} from "@latchkey/api";
import { startServer, type RunningServer } from "@latchkey/server";

export const PASSWORD = "Violet-Harbor-Lantern-93";
/**
 * Where the browser tests put their screenshots: test-results/screenshots (ignored by git), so a
 * test run never changes the repository. `pnpm screenshots` points this at docs/screenshots.
 */
const SCREENSHOTS = process.env.LATCHKEY_SCREENSHOTS_DIR
  ? resolve(process.env.LATCHKEY_SCREENSHOTS_DIR)
  : fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));

interface Person {
  guid: string;
  email: string;
  displayName: string;
}

interface World {
  org: { guid: string; alias: string; name: string };
  other: { guid: string; alias: string; name: string };
  owner: Person;
  admin: Person;
  employees: Person[];
  otherAdmin: Person;
  otherEmployee: Person;
  outlet: { guid: string; name: string };
  workplaces: { guid: string; name: string }[];
  instanceAdmin: { email: string };
}

export interface E2E {
  url: string;
  services: Services;
  browser: Browser;
  world: World;
  /** A fresh browser context (no cookies), optionally at a narrow viewport. */
  context(opts?: { width?: number; height?: number }): Promise<BrowserContext>;
  signIn(page: Page, login: string, password: string): Promise<void>;
}

let n = 0;

async function seed(services: Services): Promise<World> {
  n += 1;
  const system = createCaller(createSystemContext(services));
  const makeOrg = async (name: string, alias: string) => {
    const created = await system.organizations.create({
      name,
      alias,
      owner: { displayName: `${name} Owner`, email: `owner@${alias}.test`, password: PASSWORD },
    });
    const api = createCaller(createSystemContext(services, { org: { guid: created.organization.guid } }));
    const owner = { guid: created.owner.guid, email: created.owner.email!, displayName: `${name} Owner` };
    return { org: { guid: created.organization.guid, alias, name }, api, owner };
  };
  const a = await makeOrg("Acme Stores", `acme-${n}`);
  const b = await makeOrg("Globex Market", `globex-${n}`);
  const person = async (api: typeof a.api, displayName: string, email: string, phone?: string, role: "admin" | "employee" = "employee") => {
    const e = await api.employees.create({ displayName, email, role, ...(phone ? { phone } : {}) });
    await api.employees.setPassword({ guid: e.guid, password: PASSWORD, changeRequired: false });
    return { guid: e.guid, email, displayName };
  };
  const admin = await person(a.api, "Alice Admin", `alice@acme-${n}.test`, "+79160000101", "admin");
  const employees = [
    await person(a.api, "Boris Baker", `boris@acme-${n}.test`, "+79160000102"),
    await person(a.api, "Clara Cook", `clara@acme-${n}.test`, "+79160000103"),
    await person(a.api, "Dmitri Driver", `dmitri@acme-${n}.test`, "+79160000104"),
    await person(a.api, "Elena Engineer", `elena@acme-${n}.test`),
  ];
  const otherAdmin = await person(b.api, "Gustav Globex", `gustav@globex-${n}.test`, "+79160000201", "admin");
  const otherEmployee = await person(b.api, "Hidden Henrietta", `henrietta@globex-${n}.test`, "+79160000202");
  const outlet = await a.api.outlets.create({ name: "Main Street" });
  const workplaces = [];
  for (const name of ["Till 1", "Till 2", "Kiosk"]) {
    const w = await a.api.workplaces.create({ outletGuid: outlet.guid, name });
    workplaces.push({ guid: w.guid, name });
  }
  const root = await ensureInstanceAdmin(services, { email: `root-${n}@latchkey.test`, password: PASSWORD });
  const otherOutlet = await b.api.outlets.create({ name: "Globex Secret Outlet" });
  await b.api.workplaces.create({ outletGuid: otherOutlet.guid, name: "Globex Till" });
  return {
    org: a.org,
    other: b.org,
    owner: a.owner,
    admin,
    employees,
    otherAdmin,
    otherEmployee,
    outlet: { guid: outlet.guid, name: outlet.name },
    workplaces,
    instanceAdmin: { email: root.email },
  };
}

/**
 * LATCHKEY_E2E_CPU_THROTTLE=4 slows every page's CPU fourfold (CDP Emulation.setCPUThrottlingRate):
 * hydration then lags far behind the first paint, which is where races between a visitor (or a
 * test) and React show up.
 */
const CPU_THROTTLE = Number(process.env.LATCHKEY_E2E_CPU_THROTTLE ?? "1");

async function throttle(ctx: BrowserContext, page: Page): Promise<void> {
  if (!(CPU_THROTTLE > 1)) return;
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function useE2E(): E2E {
  const e2e = {} as E2E;
  let dir = "";
  let server: RunningServer | null = null;
  const cspViolations: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "latchkey-e2e-"));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: `file:${join(dir, "e2e.db")}`,
      LATCHKEY_SECRET: "e2e-test-Secret-2Xq8LmZw9vRk4pTn6bYc3dFg7jHs5N",
    });
    e2e.services = await createServices(config, { log: createLogger("silent"), groupCommit: true });
    e2e.world = await seed(e2e.services);
    server = await startServer({ services: e2e.services, port: 0, host: "127.0.0.1", web: true });
    e2e.url = server.url;
    e2e.browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    e2e.context = async ({ width = 1280, height = 860 } = {}) => {
      const ctx = await e2e.browser.newContext({ baseURL: e2e.url, viewport: { width, height } });
      const newPage = ctx.newPage.bind(ctx);
      ctx.newPage = async () => {
        const page = await newPage();
        await throttle(ctx, page);
        return page;
      };
      // Any script or style the Content-Security-Policy blocks is a bug of the app.
      ctx.on("console", (msg) => {
        if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
        if (msg.type() === "error" && process.env.E2E_LOG_CONSOLE) process.stderr.write(`[browser] ${msg.text()}\n`);
      });
      return ctx;
    };
    e2e.signIn = async (page, login, password) => {
      await page.goto("/sign-in");
      await page.getByLabel("Email or username").fill(login);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    };
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await server?.close();
    await e2e.services?.database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    expect(cspViolations).toEqual([]);
  });
  return e2e;
}

/** The newest 8-digit code the developer mailbox shows for a recipient. */
export async function codeFromMailbox(page: Page, recipient: string): Promise<string> {
  await page.goto("/console/mailbox");
  const item = page.locator("li.mail-item", { hasText: recipient }).first();
  const text = await item.innerText();
  const m = /(?<!\d)(\d{8})(?!\d)/.exec(text);
  if (!m) throw new Error("no code in the mailbox message");
  return m[1]!;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Wrong sign-ins straight through the procedure, as a browser would send them. */
export async function failSignIns(services: Services, login: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const caller = createCaller(await createContext({ services, meta: { ip: "127.0.0.1", requestId: services.random.uuid() } }));
    await caller.auth.signIn({ login, password: "Not-The-Password-123" }).catch(() => undefined);
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's serious and critical violations on the page as it is now, one line each (empty when
 * there are none). The script is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not apply to, so the page itself stays as strict as it ships.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const res = await axe.run(document, { resultTypes: ["violations"] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) }));
  });
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(", ")})`);
}

/** Holds the page's scripts until `release()`: what a visitor does then happens before hydration. */
export async function holdScripts(page: Page): Promise<{ release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/.*\.js(\?|$)/, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}
