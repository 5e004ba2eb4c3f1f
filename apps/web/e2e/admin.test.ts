// What an admin looks for in the console: organizations (instance admins), an employee's access
// (sessions, tokens, lockout, recent events), the employee list's total, and an audit log that
// reads like a log (names, translated actions, explained outcome codes, an action list).
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createCaller, createSystemContext } from "@latchkey/api";
import { failSignIns, PASSWORD, shot, useE2E } from "./harness";

const e2e = useE2E();
const WAIT = { timeout: 30_000 };
const orgApi = () => createCaller(createSystemContext(e2e.services, { org: { guid: e2e.world.org.guid } }));
const params = (url: string) => Object.fromEntries(new URL(url).searchParams);
/** A button once the page has hydrated (before that it is disabled: a click would be lost). */
const ready = (page: Page, name: string | RegExp) => page.getByRole("button", { name }).and(page.locator(":enabled"));

describe("the console for a demanding admin", () => {
  it("the employee list shows how many match and who must change their password", async () => {
    const { world } = e2e;
    const elena = world.employees[3]!;
    await orgApi().employees.setPassword({ guid: elena.guid, password: "Quiet-Temporary-Harbor-55", changeRequired: true });
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto("/console/employees");
    // Owner, admin and four employees.
    await page.getByRole("status").getByText("6 employees").waitFor(WAIT);
    const row = page.locator("tbody tr", { hasText: elena.displayName });
    await row.getByText("Change required").waitFor(WAIT);
    expect(await page.locator("tbody tr", { hasText: world.employees[0]!.displayName }).getByText("Change required").count()).toBe(0);
    await page.goto("/console/employees?q=Baker");
    await page.getByRole("status").getByText("1 employee", { exact: true }).waitFor(WAIT);
    await ctx.addCookies([{ name: "lk_lang", value: "ru", url: e2e.url }]);
    await page.goto("/console/employees");
    await page.getByRole("status").getByText("Сотрудников: 6").waitFor(WAIT);
    await ctx.close();
  });

  it("the employee page ends sessions, revokes tokens, unlocks, and shows the employee's recent events", async () => {
    const { world } = e2e;
    const dmitri = world.employees[2]!;
    await orgApi().tokens.create({ name: "Dmitri till script", employeeGuid: dmitri.guid, scopes: ["self"] });
    // Dmitri signs in from two browsers.
    const phone = await e2e.context();
    const laptop = await e2e.context();
    const onPhone = await phone.newPage();
    const onLaptop = await laptop.newPage();
    await e2e.signIn(onPhone, dmitri.email, PASSWORD);
    await e2e.signIn(onLaptop, dmitri.email, PASSWORD);

    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto(`/console/employees/${dmitri.guid}`);
    const sessions = page.getByRole("region", { name: "Sessions" });
    const sessionRows = sessions.locator("tbody tr");
    await expect.poll(() => sessionRows.count(), WAIT).toBe(2);
    expect(await sessionRows.first().innerText()).toMatch(/Chrome · Linux/);
    expect(await page.getByRole("definition").filter({ hasText: "Not locked" }).count()).toBe(1);

    // End one: it asks first, naming what happens and what stays.
    await sessions
      .getByRole("button", { name: /^End the session from / })
      .first()
      .click();
    const askOne = page.getByRole("alertdialog", { name: `End this session of ${dmitri.displayName}?` });
    await askOne.getByText("The password and API tokens stay as they are.").waitFor();
    await askOne.getByRole("button", { name: "End session" }).click();
    await sessions.getByText("Sessions ended: 1.").waitFor(WAIT);
    await expect.poll(() => sessionRows.count(), WAIT).toBe(1);

    // End all.
    await sessions.getByRole("button", { name: "End all sessions" }).click();
    const askAll = page.getByRole("alertdialog", { name: `End every session of ${dmitri.displayName}?` });
    await askAll.getByRole("button", { name: "End all sessions" }).click();
    await sessions.getByText("Not signed in anywhere.").waitFor(WAIT);
    for (const p of [onPhone, onLaptop]) {
      await p.goto("/account");
      await expect.poll(() => new URL(p.url()).pathname, WAIT).toBe("/sign-in");
    }

    // The employee's tokens, revocable from here.
    const tokens = page.getByRole("region", { name: "API tokens" });
    await tokens.locator("td[data-label='Name']", { hasText: "Dmitri till script" }).waitFor(WAIT);
    await tokens.getByRole("button", { name: "Revoke Dmitri till script" }).click();
    await page.getByRole("alertdialog", { name: "Revoke the token “Dmitri till script”?" }).getByRole("button", { name: "Revoke" }).click();
    await tokens.getByText("No API tokens act as this employee.").waitFor(WAIT);

    // Locked by wrong passwords: the page says until when, and Unlock lifts it.
    await failSignIns(e2e.services, dmitri.email, 10);
    await page.reload();
    await page.getByText(/^Locked after wrong passwords until /).waitFor(WAIT);
    // The list says so too, and its "Locked" filter finds him (and only him) while it lasts.
    await page.goto("/console/employees?status=locked");
    const lockedRows = page.locator("tbody tr", { has: page.locator("td[data-label='Status']") });
    await lockedRows.filter({ hasText: dmitri.displayName }).getByText("Locked", { exact: true }).waitFor(WAIT);
    expect(await lockedRows.count()).toBe(1);
    await page.goto(`/console/employees/${dmitri.guid}`);
    await ready(page, "Unlock").click();
    await page.getByText(`${dmitri.displayName} can sign in again.`).waitFor(WAIT);
    await page.getByRole("definition").filter({ hasText: "Not locked" }).waitFor(WAIT);
    const again = await e2e.context();
    const againPage = await again.newPage();
    await e2e.signIn(againPage, dmitri.email, PASSWORD);
    expect(new URL(againPage.url()).pathname).toBe("/account");
    await again.close();

    // Recent events, by name: the unlock, Dmitri's own sign-in, the wrong passwords before it.
    await page.reload();
    const activity = page.getByRole("region", { name: "Recent activity" });
    await activity.getByText("The login or password was wrong.").first().waitFor(WAIT);
    for (const action of ["Employee unlocked", "Sign-in"])
      await activity.getByRole("cell", { name: action, exact: true }).first().waitFor(WAIT);
    const signInRow = activity.locator("tbody tr", { has: page.getByRole("cell", { name: "Sign-in", exact: true }) }).first();
    expect(await signInRow.locator("td[data-label='Actor']").innerText()).toMatch(new RegExp(dmitri.displayName));
    await shot(page, "employee-access");
    await phone.close();
    await laptop.close();
    await ctx.close();
  });

  it("the audit log names who acted and on what, translates actions and codes, and filters by action from a list", async () => {
    const { world } = e2e;
    // A refusal to explain: nobody but the owner sets the owner's password.
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto(`/console/employees/${world.owner.guid}`);
    await ready(page, /^Set password$/).click();
    await page.getByRole("dialog").getByLabel("New password").fill("Marble-Canyon-Pioneer-39");
    await page.getByRole("dialog").getByRole("button", { name: "Save password" }).click();
    await page.getByRole("dialog").getByRole("alert").waitFor(WAIT);
    await page.keyboard.press("Escape");

    await page.goto("/console/audit");
    const action = page.getByLabel("Action");
    await expect.poll(async () => (await action.locator("option").allInnerTexts()).includes("Sign-in"), WAIT).toBe(true);
    await action.selectOption({ label: "Sign-in" });
    await page.getByLabel("Outcome").selectOption("success");
    await ready(page, "Apply filters").click();
    await expect.poll(() => params(page.url()), WAIT).toEqual({ action: "auth.sign_in", outcome: "success" });
    const first = page.locator("tbody tr").first();
    await expect.poll(() => first.locator("td[data-label='Action']").innerText(), WAIT).toBe("Sign-in");
    // The signed-in admin is the actor of their own sign-in, by name, the id on hover.
    const admins = page.locator("tbody td[data-label='Actor'] [title]", { hasText: world.admin.displayName });
    await admins.first().waitFor(WAIT);
    expect(await admins.first().getAttribute("title")).toBe(world.admin.guid);
    expect(await page.locator("tbody td[data-label='Actor']", { hasText: "Anonymous" }).count()).toBe(0);
    // The details hold the ids.
    await first.locator("summary").click();
    await first.locator("dd", { hasText: world.admin.guid }).first().waitFor(WAIT);

    await page.getByLabel("Outcome").selectOption("failure");
    await page.getByLabel("Action").selectOption("");
    await ready(page, "Apply filters").click();
    await expect.poll(() => params(page.url()), WAIT).toEqual({ outcome: "failure" });
    const refused = page.locator("tbody tr", { hasText: "Password set by an admin" }).first();
    await refused.getByText("Not allowed on the owner of the organization.").waitFor(WAIT);
    expect(await refused.locator("code").innerText()).toBe("NotAllowedForOwner");
    expect(await refused.locator("td[data-label='Target']").innerText()).toMatch(new RegExp(world.owner.displayName));

    // The export keeps the ids beside the names.
    await page.goto("/console/audit?action=auth.sign_in");
    await expect.poll(() => first.locator("td[data-label='Action']").innerText(), WAIT).toBe("Sign-in");
    const download = page.waitForEvent("download");
    await ready(page, "Export CSV").click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    const [header, ...lines] = csv.trim().split("\r\n");
    expect(header).toBe("id,time,action,outcome,reason,actor_type,actor_id,actor_name,target_type,target_id,target_name,ip,request_id");
    expect(lines.some((l) => l.includes(`"${world.admin.guid}","${world.admin.displayName}"`))).toBe(true);

    // In Russian: the action list, the actions and the codes.
    await ctx.addCookies([{ name: "lk_lang", value: "ru", url: e2e.url }]);
    await page.goto("/console/audit?outcome=failure");
    await page
      .getByLabel("Действие")
      .locator("option", { hasText: "Вход" })
      .first()
      .waitFor({ state: "attached", ...WAIT });
    const refusedRu = page.locator("tbody tr", { hasText: "Пароль задан администратором" }).first();
    await refusedRu.getByText("Недопустимо для владельца организации.").waitFor(WAIT);
    await shot(page, "audit-ru");
    await ctx.close();
  });

  it("an instance admin creates, renames and archives an organization, asking first", async () => {
    const { world } = e2e;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.instanceAdmin.email, PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" }).click();
    await page.getByRole("heading", { name: "Organizations" }).waitFor(WAIT);
    await page.getByRole("cell", { name: world.org.name, exact: true }).waitFor(WAIT);

    await ready(page, "New organization").click();
    const create = page.getByRole("dialog", { name: "New organization" });
    await create.getByLabel("Name", { exact: true }).fill("Initech");
    await create.getByLabel("Alias", { exact: true }).fill("initech-e2e");
    await create.getByLabel("Owner's name").fill("Ivy Initech");
    await create.getByLabel("Owner's email").fill("ivy@initech.test");
    await create.getByRole("button", { name: "Create organization" }).click();
    await page.getByText("Organization Initech was created; its owner is ivy@initech.test.").waitFor(WAIT);
    await page.getByRole("cell", { name: "Initech", exact: true }).waitFor(WAIT);

    await ready(page, "Rename Initech").click();
    const rename = page.getByRole("dialog", { name: "Rename Initech" });
    await rename.getByLabel("New name").fill("Initech Global");
    await rename.getByRole("button", { name: "Save" }).click();
    await page.getByText("Renamed to Initech Global.").waitFor(WAIT);
    const row = page.locator("tbody tr", { hasText: "initech-e2e" });
    await row.getByRole("cell", { name: "Initech Global", exact: true }).waitFor(WAIT);

    await row.getByRole("button", { name: "Archive Initech Global" }).click();
    const ask = page.getByRole("alertdialog", { name: "Archive the organization Initech Global?" });
    await ask.getByText("Every session and API token of the organization is revoked at once.").waitFor();
    // Focus starts on Cancel: Enter by habit does no harm.
    await page.keyboard.press("Enter");
    await ask.waitFor({ state: "detached", ...WAIT });
    expect(await row.getByText("Archived").count()).toBe(0);
    await row.getByRole("button", { name: "Archive Initech Global" }).click();
    await ask.getByRole("button", { name: "Archive" }).click();
    await page.getByText("Initech Global was archived.").waitFor(WAIT);
    await row.getByText("Archived").waitFor(WAIT);
    expect(await row.getByRole("button").count()).toBe(0);
    await shot(page, "organizations");
    await page.goto("/console/organizations?state=archived");
    await expect.poll(() => page.locator("tbody tr").allInnerTexts(), WAIT).toEqual([expect.stringMatching(/Initech Global/)]);

    // The switcher no longer offers it.
    await page.getByRole("button", { name: /^Organization / }).click();
    const dialog = page.getByRole("dialog", { name: "Switch organization" });
    await dialog.getByLabel("Find organization").fill("Initech");
    await dialog.getByText("No organizations match.").waitFor(WAIT);
    await page.keyboard.press("Escape");

    // "Open console" acts in the organization.
    await page.goto("/console/organizations");
    await ready(page, `Open console for ${world.other.name}`).click();
    await page.getByText(world.otherEmployee.displayName).waitFor(WAIT);
    expect(await page.getByRole("button", { name: /^Organization / }).innerText()).toMatch(new RegExp(world.other.name));
    await ctx.close();
  });

  it("an organization's admin who opens the organizations page is told it is for instance admins", async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, e2e.world.admin.email, PASSWORD);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" }).count()).toBe(0);
    await page.goto("/console/organizations");
    await page.getByRole("heading", { name: "Only for instance admins" }).waitFor(WAIT);
    await ctx.close();
  });
});
