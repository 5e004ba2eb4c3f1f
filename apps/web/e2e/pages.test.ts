// Every page: accessible (axe-core, no serious or critical violations), translated (titles
// included), inside the right frame (not-found pages too), and usable on a 390 px phone.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createCaller, createSystemContext } from "@latchkey/api";
import { axeViolations, PASSWORD, shot, useE2E } from "./harness";

const e2e = useE2E();
const WAIT = { timeout: 15_000 };
const LANGS = ["en", "ru"] as const;
type Lang = (typeof LANGS)[number];

const orgApi = () => createCaller(createSystemContext(e2e.services, { org: { guid: e2e.world.org.guid } }));

async function signedIn(
  login: string,
  lang: Lang,
  opts: { width?: number; password?: string } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await e2e.context(opts);
  const page = await ctx.newPage();
  await e2e.signIn(page, login, opts.password ?? PASSWORD);
  await ctx.addCookies([{ name: "lk_lang", value: lang, url: e2e.url }]);
  return { ctx, page };
}

/** A page once what it shows has arrived (and the page has hydrated: its buttons are enabled). */
async function settled(page: Page, ready: (page: Page) => Locator): Promise<void> {
  await ready(page).first().waitFor(WAIT);
  await expect.poll(() => page.locator("[aria-busy=true]").count(), WAIT).toBe(0);
  await page.locator(".top button, .public-head select").first().and(page.locator(":enabled")).waitFor(WAIT);
}

const heading = (page: Page) => page.locator("main h1");
const rows = (page: Page) => page.locator("main tbody tr");

describe("every page", () => {
  it.each(LANGS)("has no serious or critical accessibility violations (%s)", { timeout: 600_000 }, async (lang) => {
    const { world } = e2e;
    const api = orgApi();
    const restricted = world.employees[2]!;
    const temporary = `Quartz-Lagoon-Temporary-${lang}`;
    await api.employees.setPassword({ guid: restricted.guid, password: temporary, changeRequired: true });
    const found: Record<string, string[]> = {};
    const check = async (page: Page, name: string, ready: (page: Page) => Locator) => {
      await settled(page, ready);
      const v = await axeViolations(page);
      if (v.length) found[name] = v;
    };
    {
      const visitor = await e2e.context();
      await visitor.addCookies([{ name: "lk_lang", value: lang, url: e2e.url }]);
      const pv = await visitor.newPage();
      for (const path of ["/sign-in", "/reset", "/activate", "/no-such-page"]) {
        await pv.goto(path);
        await check(pv, `${lang} ${path} (signed out)`, heading);
      }
      await pv.goto("/docs/api");
      await check(pv, `${lang} /docs/api (signed out)`, (p) => p.locator(".swagger-ui .opblock"));
      await visitor.close();

      const { ctx, page } = await signedIn(world.admin.email, lang);
      const pages: [string, (page: Page) => Locator][] = [
        ["/console/employees", rows],
        [`/console/employees/${world.employees[0]!.guid}`, heading],
        ["/console/workplaces", (p) => p.locator("section.outlet li[data-workplace]")],
        ["/console/audit", rows],
        ["/console/tokens", rows],
        ["/console/settings", heading],
        ["/console/mailbox", heading],
        ["/account", rows],
        ["/docs/api", (p) => p.locator(".swagger-ui .opblock")],
        ["/console/no-such-page", heading],
        [`/console/employees/${world.otherEmployee.guid}`, heading],
      ];
      for (const [path, ready] of pages) {
        await page.goto(path);
        await check(page, `${lang} ${path} (admin)`, ready);
      }
      // Dialogs are part of their pages.
      await page.goto("/console/employees");
      await settled(page, rows);
      await page.locator("main .toolbar-extra button").click();
      await check(page, `${lang} new-employee dialog`, (p) => p.getByRole("dialog"));
      await page.keyboard.press("Escape");
      await page.goto(`/console/employees/${world.employees[0]!.guid}`);
      await settled(page, heading);
      await page.locator("main .actions button").first().click();
      await check(page, `${lang} reset confirmation`, (p) => p.getByRole("alertdialog"));
      await ctx.close();

      const root = await signedIn(world.instanceAdmin.email, lang);
      await root.page.goto("/console/organizations");
      await check(root.page, `${lang} /console/organizations (instance admin)`, rows);
      await root.page.locator("main tbody tr .row-actions button").nth(1).click();
      await check(root.page, `${lang} rename-organization dialog`, (p) => p.getByRole("dialog"));
      await root.ctx.close();

      const owner = await signedIn(world.owner.email, lang);
      await owner.page.goto("/console/settings");
      await check(owner.page, `${lang} /console/settings (owner)`, heading);
      await owner.ctx.close();

      const member = await signedIn(world.employees[1]!.email, lang);
      await member.page.goto("/console/employees");
      await check(member.page, `${lang} /console/employees (employee)`, heading);
      await member.ctx.close();

      const changing = await signedIn(restricted.email, lang, { password: temporary });
      await changing.page.goto("/account/password");
      await check(changing.page, `${lang} /account/password (restricted)`, heading);
      await changing.ctx.close();
    }
    expect(found).toEqual({});
  });

  it("not-found pages are inside their frame and translated, titles included", async () => {
    const { world } = e2e;
    for (const lang of LANGS) {
      const t = lang === "en" ? { title: "Not found", employees: "Employees" } : { title: "Не найдено", employees: "Сотрудники" };
      const { ctx, page } = await signedIn(world.admin.email, lang);
      for (const path of ["/console/no-such-page", `/console/employees/${world.otherEmployee.guid}`, "/no-such-page"]) {
        const res = await page.goto(path);
        expect(res?.status()).toBe(404);
        await page.getByRole("heading", { name: t.title }).waitFor();
        // The console's navigation is there: nobody is stranded on a bare card.
        await page.getByRole("navigation").getByRole("link", { name: t.employees }).waitFor();
        expect(await page.title()).toBe(`${t.title} · Latchkey`);
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      }
      if (lang === "ru") await shot(page, "not-found-ru");
      // Page titles are in the page's language.
      await page.goto("/console/employees");
      expect(await page.title()).toBe(`${t.employees} · Latchkey`);
      await page.goto(`/console/employees/${world.employees[0]!.guid}`);
      expect(await page.title()).toBe(`${world.employees[0]!.displayName} · ${t.employees} · Latchkey`);
      await ctx.close();

      const visitor = await e2e.context();
      await visitor.addCookies([{ name: "lk_lang", value: lang, url: e2e.url }]);
      const pv = await visitor.newPage();
      const res = await pv.goto("/no-such-page");
      expect(res?.status()).toBe(404);
      await pv.getByRole("heading", { name: t.title }).waitFor();
      expect(await pv.title()).toBe(`${t.title} · Latchkey`);
      await pv.goto("/sign-in");
      expect(await pv.title()).toBe(lang === "en" ? "Sign in · Latchkey" : "Вход · Latchkey");
      await visitor.close();
    }
  });

  it("an employee who opens the console is told it is for owners and admins", async () => {
    const { ctx, page } = await signedIn(e2e.world.employees[1]!.email, "en");
    const res = await page.goto("/console/employees");
    expect(new URL(page.url()).pathname).toBe("/console/employees");
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { name: "Only for owners and admins" }).waitFor();
    await page.getByRole("main").getByRole("link", { name: "My account" }).waitFor();
    await ctx.close();
  });

  it("signed in, the API reference keeps the console's navigation", async () => {
    const { ctx, page } = await signedIn(e2e.world.admin.email, "en");
    await page.goto("/docs/api");
    await page.locator(".swagger-ui .opblock").first().waitFor(WAIT);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Employees" }).waitFor();
    expect(
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "REST API reference" }).getAttribute("aria-current"),
    ).toBe("page");
    await ctx.close();
  });

  it("on a 390 px phone nothing overflows, dates stay on one line and Russian badges do not wrap", async () => {
    const { world } = e2e;
    const api = orgApi();
    const archived = await api.employees.create({ displayName: "Ada Archived", email: "ada@acme-phone.test" });
    await api.employees.archive({ guid: archived.guid });
    await api.tokens.create({ name: "Phone check", scopes: ["admin"] });
    for (const lang of LANGS) {
      const { ctx, page } = await signedIn(world.admin.email, lang, { width: 390 });
      const detail = `/console/employees/${world.employees[0]!.guid}`;
      for (const path of ["/console/employees", detail, "/console/audit", "/console/tokens", "/account", "/console/workplaces"]) {
        await page.goto(path);
        await settled(page, path === "/console/workplaces" ? (p) => p.locator("li[data-workplace]") : rows);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${lang} ${path}`).toBeLessThanOrEqual(0);
        // Each date is one line of text: its text's boxes all share one top.
        const lines = await page.locator("td.date").evaluateAll((cells) =>
          cells.map((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          }),
        );
        expect(
          lines.every((n) => n === 1),
          `${lang} ${path}: ${lines.join(",")}`,
        ).toBe(true);
      }
      await page.goto("/console/employees?status=archived");
      const badge = page.locator("td .badge-archived").first();
      await badge.waitFor(WAIT);
      const badgeLines = await badge.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(badgeLines, lang).toBe(1);
      await ctx.close();

      const root = await signedIn(world.instanceAdmin.email, lang, { width: 390 });
      await root.page.goto("/console/organizations");
      await settled(root.page, rows);
      const overflow = await root.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${lang} /console/organizations`).toBeLessThanOrEqual(0);
      await root.ctx.close();
    }
  });
});
