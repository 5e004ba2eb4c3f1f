// The rest of the console: tenancy, refusals, owner settings, tokens, audit and Russian, the
// organization switcher, the REST API reference and the employee list.
import { describe, expect, it } from "vitest";
import { createCaller, createSystemContext } from "@latchkey/api";
import { PASSWORD, shot, useE2E } from "./harness";

const e2e = useE2E();
/** Pages of cards load in one batched request; on a busy machine that takes longer than poll's 1 s default. */
const WAIT = { timeout: 15_000 };

describe("tenancy and the rest of the console", () => {
  it("an admin of one organization sees nothing of another", async () => {
    const { world } = e2e;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.getByText("Boris Baker").waitFor();
    expect(await page.getByText(world.otherEmployee.displayName).count()).toBe(0);
    await page.getByLabel("Search employees").fill("Henrietta");
    await page.getByText("No employees match.").waitFor();

    const res = await page.goto(`/console/employees/${world.otherEmployee.guid}`);
    expect(res?.status()).toBe(404);
    await page.getByRole("heading", { name: "Not found" }).waitFor();

    await page.goto("/console/workplaces");
    await page.getByRole("heading", { name: world.outlet.name }).waitFor();
    expect(await page.getByText("Globex Secret Outlet").count()).toBe(0);

    // Naming the other organization (the instance admins' cookie) gets nothing either.
    await ctx.addCookies([{ name: "lk_org", value: world.other.guid, url: e2e.url }]);
    await page.goto("/console/employees");
    await page.getByText("The organization was not found.").first().waitFor();
    expect(await page.getByText(world.otherEmployee.displayName).count()).toBe(0);
    await page.goto("/console/audit");
    await page.getByText("The organization was not found.").first().waitFor();
    expect(await page.getByText(world.otherEmployee.guid).count()).toBe(0);
    await ctx.close();
  });

  it("refusals show the domain message; owner settings, tokens, audit and Russian", async () => {
    const { world } = e2e;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto(`/console/employees/${world.owner.guid}`);
    await page.getByRole("button", { name: "Set password", exact: true }).click();
    await page.getByRole("dialog").getByLabel("New password").fill("Marble-Canyon-Pioneer-39");
    await page.getByRole("dialog").getByRole("button", { name: "Save password" }).click();
    await page.getByRole("dialog").getByRole("alert").waitFor();
    expect(await page.getByRole("dialog").getByRole("alert").innerText()).toMatch(/owner/i);
    await page.keyboard.press("Escape");
    // An admin reads the settings and is told that only the owner changes them.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByText("Only the owner of the organization can change these settings.").waitFor();
    expect(await page.getByLabel("Minimum length (8–64)").isDisabled()).toBe(true);
    expect(await page.getByLabel("Wrong passwords before a lock (3–100)").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Save" }).count()).toBe(0);

    await page.goto("/console/audit");
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    await page.locator("svg.chart").waitFor();
    await page.getByRole("cell", { name: "Password set by an admin" }).first().waitFor();
    await page.getByLabel("Outcome").selectOption("failure");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("NotAllowedForOwner").first().waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    await shot(page, "audit");

    await page.goto("/console/tokens");
    await page.getByLabel("Token name").fill("Till sync");
    // The least scope by default: nothing ticked, so nothing is created until a scope is chosen.
    expect(await page.getByRole("checkbox", { name: "admin" }).isChecked()).toBe(false);
    expect(await page.getByRole("checkbox", { name: "self" }).isChecked()).toBe(false);
    expect(await page.getByRole("button", { name: "Create token" }).isDisabled()).toBe(true);
    await page.getByRole("checkbox", { name: "admin" }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByText("Copy the token now: it is shown once.").waitFor();
    await page.getByRole("cell", { name: "Till sync", exact: true }).waitFor();
    // The list says who created it, and it expires (the organization's default), not "never".
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "Till sync", exact: true }) });
    await row.getByRole("cell", { name: world.admin.displayName, exact: true }).waitFor();
    expect(await row.getByRole("cell", { name: "never", exact: true }).count()).toBe(1); // last used, not expiry
    await shot(page, "tokens");
    // Revoking asks first and says what it does; Cancel keeps the token.
    await page.getByRole("button", { name: "Revoke Till sync" }).click();
    const ask = page.getByRole("alertdialog", { name: "Revoke the token “Till sync”?" });
    await ask.getByText("Every service that uses “Till sync” is refused from now on.").waitFor();
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: "Till sync", exact: true }).waitFor();
    await page.getByRole("button", { name: "Revoke Till sync" }).click();
    await ask.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("cell", { name: "Till sync", exact: true }).waitFor({ state: "detached" });
    await ctx.close();

    const owner = await e2e.context();
    const p2 = await owner.newPage();
    await e2e.signIn(p2, world.owner.email, PASSWORD);
    await p2.getByRole("link", { name: "Settings" }).click();
    await p2.getByLabel("Minimum length (8–64)").fill("4");
    await p2.getByRole("button", { name: "Save" }).click();
    await p2.getByText("Minimum length (8–64): must be between 8 and 64.").waitFor();
    await p2.getByLabel("Minimum length (8–64)").fill("14");
    // The lockout policy is edited here too, in minutes.
    await p2.getByLabel("Wrong passwords before a lock (3–100)").fill("0");
    await p2.getByRole("button", { name: "Save" }).click();
    await p2.getByText("Wrong passwords before a lock (3–100): must be between 3 and 100.").waitFor();
    await p2.getByLabel("Wrong passwords before a lock (3–100)").fill("6");
    await p2.getByLabel("Lock duration, minutes (1–1440)").fill("30");
    await p2.getByRole("button", { name: "Save" }).click();
    await p2.getByText("Saved.").waitFor();
    const saved = await createCaller(createSystemContext(e2e.services, { org: { guid: world.org.guid } })).settings.get();
    expect(saved.lockout).toEqual({ threshold: 6, windowSeconds: 900, durationSeconds: 1800 });
    expect(saved.passwordPolicy.minLength).toBe(14);
    await p2.reload();
    expect(await p2.getByLabel("Lock duration, minutes (1–1440)").inputValue()).toBe("30");
    await shot(p2, "settings");
    // The owner's own account page states the organization's rules, not the defaults.
    await p2.goto("/account");
    await p2.getByRole("heading", { name: "My account" }).waitFor();
    await p2.getByText(/^At least 14 characters \(at most 128\)/).waitFor();
    expect(await p2.getByText(/At least 12 characters/).count()).toBe(0);
    await p2.goto("/console/settings");

    await p2.getByLabel("Language").selectOption("ru");
    await p2.getByRole("heading", { name: "Настройки" }).waitFor();
    expect(await p2.locator("html").getAttribute("lang")).toBe("ru");
    await p2.goto("/console/employees");
    await p2.getByLabel("Поиск сотрудников").waitFor();
    await shot(p2, "console-employees-ru");
    // A refused password is explained in the page's language: the server names the rule it broke.
    await p2.goto("/account/password");
    await p2.getByLabel("Текущий пароль").fill(PASSWORD);
    await p2.getByLabel("Новый пароль", { exact: true }).fill("password12345678");
    await p2.getByLabel("Повторите новый пароль").fill("password12345678");
    await p2.getByRole("button", { name: "Сменить пароль" }).click();
    await p2.getByText("Этот пароль слишком распространён", { exact: false }).waitFor();
    expect(await p2.getByText("This password is too common", { exact: false }).count()).toBe(0);
    await owner.close();

    const narrow = await e2e.context({ width: 375, height: 740 });
    const p3 = await narrow.newPage();
    await p3.goto("/sign-in");
    await shot(p3, "sign-in-mobile");
    await e2e.signIn(p3, world.admin.email, PASSWORD);
    await p3.getByText("Boris Baker").waitFor();
    const overflow = await p3.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(p3, "console-employees-mobile");
    await narrow.close();
  });

  it("the org switcher names the organization the page acts in and finds any organization", async () => {
    const { world } = e2e;
    // More organizations than one request of the switcher, and than the 100 it used to load.
    const system = createCaller(createSystemContext(e2e.services));
    for (let i = 0; i < 102; i++) {
      const n = String(i).padStart(3, "0");
      await system.organizations.create({
        name: `Filler ${n}`,
        alias: `filler-${n}`,
        owner: { displayName: "Filler Owner", username: `filler${n}` },
      });
    }
    await system.organizations.create({
      name: "Zeta Bakery",
      alias: "zz-zeta",
      owner: { displayName: "Zeta Owner", username: "zeta-owner" },
    });
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.instanceAdmin.email, PASSWORD);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/console/employees");
    // Right after sign-in the console acts in the instance admins' own organization, and says so.
    const switcher = page.getByRole("button", { name: /^Organization / });
    expect(await switcher.innerText()).toMatch(/Latchkey installation/);
    // …and the list is that organization's: its instance admin, nobody of Acme.
    await page.getByRole("link", { name: "Instance admin" }).waitFor();
    expect(await page.getByText("Boris Baker").count()).toBe(0);

    await switcher.click();
    const dialog = page.getByRole("dialog", { name: "Switch organization" });
    const choices = dialog.locator(".choice-list button");
    await expect.poll(() => choices.count(), WAIT).toBeGreaterThan(20);
    expect(await dialog.locator('.choice-list button[aria-current="true"]').innerText()).toMatch(/Latchkey installation/);
    // Complete: "More organizations" reaches the last one, past the first hundred.
    while (await dialog.getByRole("button", { name: "More organizations" }).count()) {
      const before = await choices.count();
      await dialog.getByRole("button", { name: "More organizations" }).click();
      await expect.poll(() => choices.count(), WAIT).toBeGreaterThan(before);
    }
    expect(await choices.count()).toBeGreaterThan(105);
    await dialog.getByRole("button", { name: /^Zeta Bakery/ }).waitFor();
    // Searchable: typing narrows the list to the matches.
    await dialog.getByLabel("Find organization").fill("Globex");
    await expect.poll(() => choices.allInnerTexts(), WAIT).toEqual([expect.stringMatching(/^Globex Market/)]);
    await shot(page, "org-switcher");
    await dialog.getByRole("button", { name: /^Globex Market/ }).click();
    await page.getByText(world.otherEmployee.displayName).waitFor();
    expect(await page.getByRole("button", { name: /^Organization / }).innerText()).toMatch(/Globex Market \(globex-\d+\)/);
    expect(await page.getByText("Boris Baker").count()).toBe(0);

    await page.goto("/console/workplaces");
    await page.getByRole("heading", { name: "Globex Secret Outlet" }).waitFor();
    expect(await page.getByRole("button", { name: /^Organization / }).innerText()).toMatch(/Globex Market/);
    await page.getByRole("button", { name: /^Organization / }).click();
    await page.getByRole("dialog").getByLabel("Find organization").fill("Acme");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^Acme Stores/ })
      .click();
    await page.getByRole("heading", { name: world.outlet.name }).waitFor();
    expect(await page.getByText("Globex Secret Outlet").count()).toBe(0);

    // From an object page, switching lands on its section, not on another organization's 404.
    await page.goto(`/console/employees/${world.employees[0]!.guid}`);
    await page.getByRole("heading", { name: world.employees[0]!.displayName }).waitFor();
    await page.getByRole("button", { name: /^Organization / }).click();
    await page.getByRole("dialog").getByLabel("Find organization").fill("Zeta");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^Zeta Bakery/ })
      .click();
    await page.getByRole("link", { name: "Zeta Owner" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/employees");
    expect(await page.getByRole("button", { name: /^Organization / }).innerText()).toMatch(/Zeta Bakery \(zz-zeta\)/);
    await ctx.close();
  });

  it("renders the REST API reference from /openapi.json with the bundled Swagger UI, same origin only", async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    const origin = new URL(e2e.url).origin;
    const foreign: string[] = [];
    const csp: string[] = [];
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin) foreign.push(url);
    });
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text());
      else if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(err.message));
    const old = await page.request.get("/api-docs", { maxRedirects: 0 });
    expect(old.status()).toBe(308);
    expect(old.headers()["location"]).toBe("/docs/api");
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "REST API reference" }).click();
    await page.getByRole("heading", { name: "REST API reference" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/docs/api");
    // Swagger UI's own markup: one operation block per path and method of the spec.
    await page.locator('.swagger-ui .opblock-summary-path[data-path="/auth/activate-workplace"]').first().waitFor();
    await page.locator('.swagger-ui .opblock-summary-path[data-path="/management/v1/users/{user_id}/password"]').first().waitFor();
    expect(await page.locator(".swagger-ui .opblock").count()).toBeGreaterThan(5);
    await shot(page, "api-docs");
    // Opening an operation resolves it (swagger-client): its documented headers show up.
    const op = page.locator(".swagger-ui .opblock", { has: page.locator('[data-path="/auth/activate-workplace"]') });
    await op.locator(".opblock-summary-control").click();
    await op.getByText("X-LP-Client-Identifier").waitFor();
    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await ctx.close();
  });

  it("creates, edits, filters and archives an employee", async () => {
    const { world } = e2e;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.getByRole("button", { name: "New employee" }).click();
    const dialog = page.getByRole("dialog", { name: "New employee" });
    await dialog.getByLabel("Name", { exact: true }).fill("Fiona Florist");
    await dialog.getByLabel("Email").fill("fiona@example.test");
    await dialog.getByLabel("Phone").fill("not-a-phone");
    await dialog.getByRole("button", { name: "Create employee" }).click();
    await dialog.getByRole("alert").waitFor();
    expect(await dialog.getByRole("alert").innerText()).toMatch(/phone/i);
    await dialog.getByLabel("Phone").fill("+79160000109");
    await dialog.getByRole("button", { name: "Create employee" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("link", { name: "Fiona Florist" }).click();
    await page.getByRole("heading", { name: "Fiona Florist" }).waitFor();

    await page.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: "Edit" });
    await edit.getByLabel("Name", { exact: true }).fill("Fiona Flowers");
    await edit.getByLabel("Role").selectOption("admin");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Fiona Flowers" }).waitFor();
    await page.getByText("Admin", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Archive" }).click();
    const ask = page.getByRole("alertdialog", { name: "Archive Fiona Flowers?" });
    await ask.getByText("Fiona Flowers can no longer sign in", { exact: false }).waitFor();
    await ask.getByRole("button", { name: "Archive" }).click();
    await page.getByText("Archived", { exact: true }).waitFor();

    await page.goto("/console/employees");
    await page.getByLabel("Status").selectOption("archived");
    await page.getByRole("link", { name: "Fiona Flowers" }).waitFor();
    // The previous page stays on screen until the filtered one arrives (keepPreviousData): wait for it.
    await page.getByRole("link", { name: "Boris Baker" }).waitFor({ state: "detached" });
    expect(await page.getByRole("link", { name: "Boris Baker" }).count()).toBe(0);
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Role").selectOption("admin");
    await page.getByRole("link", { name: "Alice Admin" }).waitFor();
    // The previous page stays on screen until the filtered one arrives (keepPreviousData): wait for it.
    await page.getByRole("link", { name: "Boris Baker" }).waitFor({ state: "detached" });
    expect(await page.getByRole("link", { name: "Boris Baker" }).count()).toBe(0);
    await ctx.close();
  });
});
