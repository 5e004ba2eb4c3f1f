// Search, filters and pages live in the address (shareable, kept on reload, back and forward),
// and nothing a visitor does before the page hydrates is lost: these tests hold the page's
// scripts back (holdScripts) and act on the server-rendered page first.
import { describe, expect, it } from "vitest";
import { createCaller, createSystemContext } from "@latchkey/api";
import { holdScripts, PASSWORD, useE2E } from "./harness";

const e2e = useE2E();
const WAIT = { timeout: 15_000 };

const orgApi = () => createCaller(createSystemContext(e2e.services, { org: { guid: e2e.world.org.guid } }));
const params = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe("filters, search and pages in the address", () => {
  it("employee filters chosen before hydration are applied, kept on reload, shared, and stepped through with back/forward", async () => {
    const { world } = e2e;
    const api = orgApi();
    for (const [displayName, role] of [
      ["Greta Gone", "employee"],
      ["Gunnar Gone", "admin"],
    ] as const) {
      const e = await api.employees.create({ displayName, email: `${displayName.split(" ")[0]!.toLowerCase()}@acme-x.test`, role });
      await api.employees.archive({ guid: e.guid });
    }
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);

    // The server-rendered page, no script run yet: a status is chosen and a search typed.
    const held = await holdScripts(page);
    await page.goto("/console/employees", { waitUntil: "domcontentloaded" });
    await page.getByLabel("Status").selectOption("archived");
    await page.getByLabel("Search employees").fill("Gone");
    held.release();
    await page.getByRole("link", { name: "Greta Gone" }).waitFor();
    await page.getByRole("link", { name: "Boris Baker" }).waitFor({ state: "detached" });
    await expect.poll(() => params(page.url()), WAIT).toEqual({ status: "archived", q: "Gone" });
    expect(await page.getByLabel("Status").inputValue()).toBe("archived");
    expect(await page.getByLabel("Search employees").inputValue()).toBe("Gone");
    expect(await page.getByRole("link", { name: "Boris Baker" }).count()).toBe(0);

    // A reload keeps them.
    await page.reload();
    await page.getByRole("link", { name: "Gunnar Gone" }).waitFor();
    expect(await page.getByLabel("Status").inputValue()).toBe("archived");
    expect(await page.getByLabel("Search employees").inputValue()).toBe("Gone");
    expect(await page.getByRole("link", { name: "Boris Baker" }).count()).toBe(0);

    // Each choice is a step back and forward go through.
    await page.getByLabel("Role").selectOption("admin");
    await expect.poll(() => params(page.url()), WAIT).toEqual({ status: "archived", q: "Gone", role: "admin" });
    await page.getByRole("link", { name: "Greta Gone" }).waitFor({ state: "detached" });
    await page.getByRole("link", { name: "Gunnar Gone" }).waitFor();
    await page.goBack();
    await expect.poll(() => params(page.url()), WAIT).toEqual({ status: "archived", q: "Gone" });
    await page.getByRole("link", { name: "Greta Gone" }).waitFor();
    expect(await page.getByLabel("Role").inputValue()).toBe("");
    await page.goForward();
    await expect.poll(() => page.getByLabel("Role").inputValue(), WAIT).toBe("admin");
    await page.getByRole("link", { name: "Greta Gone" }).waitFor({ state: "detached" });

    // The address is the list: another browser opening it sees the same.
    const shared = page.url();
    const other = await e2e.context();
    const p2 = await other.newPage();
    await e2e.signIn(p2, world.owner.email, PASSWORD);
    await p2.goto(shared);
    await p2.getByRole("link", { name: "Gunnar Gone" }).waitFor();
    expect(await p2.getByRole("link", { name: "Greta Gone" }).count()).toBe(0);
    expect(await p2.getByLabel("Role").inputValue()).toBe("admin");
    expect(await p2.getByLabel("Status").inputValue()).toBe("archived");
    expect(await p2.getByLabel("Search employees").inputValue()).toBe("Gone");
    await other.close();
    await ctx.close();
  });

  it("the page of a list is in the address: next page, back to the previous one", async () => {
    const { world } = e2e;
    const api = orgApi();
    for (let i = 1; i <= 23; i++) await api.employees.create({ displayName: `Pager ${String(i).padStart(2, "0")}`, username: `pager${i}` });
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto("/console/employees?q=Pager");
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count(), WAIT).toBe(20);
    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    expect(params(page.url())).toEqual({ q: "Pager", after: expect.stringMatching(/.+/) });
    await page.reload();
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    await page.goBack();
    await expect.poll(() => rows.count(), WAIT).toBe(20);
    expect(params(page.url())).toEqual({ q: "Pager" });
    expect(await page.getByRole("button", { name: "First page" }).isDisabled()).toBe(true);
    // A new search starts at its first page.
    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    await page.getByLabel("Search employees").fill("Pager 0");
    await expect.poll(() => params(page.url()), WAIT).toEqual({ q: "Pager 0" });
    await expect.poll(() => rows.count(), WAIT).toBe(9);
    await ctx.close();
  });

  it("audit filters: chosen before hydration, applied into the address, kept on reload, undone by back", async () => {
    const { world } = e2e;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    // A refused reset: there is a failure to find.
    await orgApi()
      .employees.resetPassword({ guid: world.owner.guid })
      .catch(() => undefined);
    const held = await holdScripts(page);
    await page.goto("/console/audit", { waitUntil: "domcontentloaded" });
    await page.getByLabel("Outcome").selectOption("failure");
    held.release();
    await page.getByRole("button", { name: "Export CSV" }).and(page.locator(":enabled")).waitFor();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => params(page.url()), WAIT).toEqual({ outcome: "failure" });
    const outcomes = page.locator("tbody td[data-label='Outcome'] .badge");
    await expect.poll(async () => [...new Set(await outcomes.allInnerTexts())], WAIT).toEqual(["failure"]);
    await page.reload();
    expect(await page.getByLabel("Outcome").inputValue()).toBe("failure");
    await expect.poll(async () => [...new Set(await outcomes.allInnerTexts())], WAIT).toEqual(["failure"]);
    await page.goBack();
    await expect.poll(() => params(page.url()), WAIT).toEqual({});
    await expect.poll(() => page.getByLabel("Outcome").inputValue(), WAIT).toBe("");
    await expect.poll(async () => (await outcomes.allInnerTexts()).includes("success"), WAIT).toBe(true);
    await ctx.close();
  });

  it("a sign-in typed before hydration signs in", async () => {
    const { world } = e2e;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    const held = await holdScripts(page);
    await page.goto("/sign-in", { waitUntil: "domcontentloaded" });
    await page.getByLabel("Email or username").fill(world.admin.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    // Until the page can send it, the button says so (a native post would lose both fields).
    expect(await page.getByRole("button", { name: "Sign in" }).isDisabled()).toBe(true);
    held.release();
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe("/console/employees");
    await ctx.close();
  });
});
