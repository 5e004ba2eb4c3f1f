// The workplaces page: an activation code from the console to /activate and back, renaming,
// moving and archiving a workplace, and paging through the outlets and workplaces of a large
// organization.
import { describe, expect, it } from "vitest";
import { createCaller, createSystemContext } from "@latchkey/api";
import { PASSWORD, shot, useE2E } from "./harness";

const e2e = useE2E();
/** Pages of cards load in one batched request; on a busy machine that takes longer than poll's 1 s default. */
const WAIT = { timeout: 15_000 };

describe("workplaces", () => {
  it("admin generates an activation code; /activate shows the workplace; the console shows it active", async () => {
    const { world } = e2e;
    const wp = world.workplaces[0]!;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto("/console/workplaces");
    await page.getByRole("heading", { name: world.outlet.name }).waitFor();
    const row = page.locator(`li[data-workplace="${wp.name}"]`);
    await row.getByText("Pending").waitFor();
    await row.getByRole("button", { name: "Generate activation code" }).click();
    const dialog = page.getByRole("dialog");
    // Nobody is preselected: the admin chooses who the device is bound to, and the dialog says it.
    const employee = dialog.getByLabel("Employee", { exact: true });
    await dialog.getByText("Choose the employee the device will be bound to.").waitFor();
    expect(await employee.inputValue()).toBe("");
    expect(await dialog.getByRole("button", { name: "Generate" }).isDisabled()).toBe(true);
    await expect.poll(() => employee.locator("option").allInnerTexts(), WAIT).toContain("Boris Baker · +79160000102");
    await employee.selectOption({ label: "Boris Baker · +79160000102" });
    await dialog.getByText("The device will be bound to Boris Baker.").waitFor();
    expect(await dialog.getByLabel("Send by SMS").isChecked()).toBe(false);
    // The code is for the workplace's own outlet: shown, not offered as a choice.
    await dialog.getByText(`Outlet: ${world.outlet.name}`).waitFor();
    expect(await dialog.getByLabel("Outlet", { exact: true }).count()).toBe(0);
    await dialog.getByRole("button", { name: "Generate" }).click();
    const codeEl = dialog.locator(".code");
    await codeEl.waitFor();
    await dialog.getByText("Bound to Boris Baker.").waitFor();
    const code = (await codeEl.innerText()).trim();
    expect(code).toMatch(/^\d{8}$/);
    await dialog.getByText(/Expires in \d/).waitFor();
    await dialog.getByRole("button", { name: "Copy" }).waitFor();
    await shot(page, "activation-code");
    // Shown once: after closing, the dialog starts over without the code.
    await page.keyboard.press("Escape");
    await row.getByRole("button", { name: "Generate activation code" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Generate" }).waitFor();
    expect(await page.getByRole("dialog").locator(".code").count()).toBe(0);
    await page.keyboard.press("Escape");

    const device = await e2e.context({ width: 375, height: 740 });
    const p2 = await device.newPage();
    const res = await p2.goto("/activate");
    expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
    await p2.getByLabel("Activation code").fill("00000000");
    await p2.getByRole("button", { name: "Activate" }).click();
    await p2.getByText("The activation code is wrong, used or expired.").waitFor();
    await p2.getByLabel("Activation code").fill(code);
    await p2.getByRole("button", { name: "Activate" }).click();
    await p2.getByText("The workplace is active.").waitFor();
    const facts = await p2.locator("dl.facts").innerText();
    expect(facts).toContain(wp.name);
    expect(facts).toContain(world.outlet.name);
    expect(facts).toContain("Boris Baker");
    await shot(p2, "activate-mobile");

    await page.reload();
    await row.getByText("Active", { exact: true }).waitFor();
    await row.getByText(/Activated by Boris Baker/).waitFor();
    await shot(page, "workplaces");
    await ctx.close();
    await device.close();
  });

  it("renames a workplace, moves it to another outlet and archives it, asking first", async () => {
    const { world } = e2e;
    const wp = world.workplaces[1]!;
    const api = createCaller(createSystemContext(e2e.services, { org: { guid: world.org.guid } }));
    const side = await api.outlets.create({ name: "Side Street" });
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto("/console/workplaces");
    const row = page.locator(`li[data-workplace="${wp.name}"]`);
    await row.getByRole("button", { name: `Edit ${wp.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit workplace ${wp.name}` });
    await dialog.getByLabel("Workplace name").fill("Till Two");
    await dialog.getByLabel("Find outlet").fill("Side");
    const picker = dialog.getByLabel("Outlet", { exact: true });
    await expect.poll(() => picker.locator("option").allInnerTexts(), WAIT).toContain("Side Street");
    await picker.selectOption({ label: "Side Street" });
    await dialog.getByText(`The workplace moves from ${world.outlet.name} to Side Street.`).waitFor();
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    const sideCard = page.locator("section.outlet", { has: page.getByRole("heading", { name: "Side Street" }) });
    await sideCard.locator('li[data-workplace="Till Two"]').waitFor();
    await row.waitFor({ state: "detached" });

    // Archiving asks first and names what stops working; Cancel changes nothing.
    await sideCard.getByRole("button", { name: "Archive Till Two" }).click();
    const ask = page.getByRole("alertdialog", { name: "Archive the workplace Till Two?" });
    await ask.getByText("Activation codes for Till Two stop working, and no new ones can be issued.").waitFor();
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    expect((await api.workplaces.get({ guid: wp.guid })).archived).toBe(false);
    await sideCard.getByRole("button", { name: "Archive Till Two" }).click();
    await ask.getByRole("button", { name: "Archive" }).click();
    await sideCard.getByText("No workplaces yet.").waitFor();
    expect(await api.workplaces.get({ guid: wp.guid })).toMatchObject({ name: "Till Two", outletGuid: side.guid, archived: true });
    // No stray divider under the last workplace of a card.
    const last = page.locator("section.outlet").first().locator("li[data-workplace]").last();
    expect(await last.evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe("none");
    await ctx.close();
  });

  it("pages through every outlet and every workplace of a large organization", async () => {
    // A fresh organization, seeded through the procedures: 21 outlets (more than the page of
    // 20) and 30 workplaces in one of them (more than the page of 25).
    const system = createCaller(createSystemContext(e2e.services));
    const created = await system.organizations.create({
      name: "Initech Depots",
      alias: "initech",
      owner: { displayName: "Initech Owner", email: "owner@initech.test", password: PASSWORD },
    });
    const api = createCaller(createSystemContext(e2e.services, { org: { guid: created.organization.guid } }));
    const outletNames = Array.from({ length: 20 }, (_, i) => `Depot ${String(i + 1).padStart(2, "0")}`);
    for (const name of outletNames) await api.outlets.create({ name });
    const warehouse = await api.outlets.create({ name: "Warehouse" });
    outletNames.push("Warehouse");
    const bayNames = Array.from({ length: 30 }, (_, i) => `Bay ${String(i + 1).padStart(2, "0")}`);
    for (const name of bayNames) await api.workplaces.create({ outletGuid: warehouse.guid, name });

    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, "owner@initech.test", PASSWORD);
    await page.goto("/console/workplaces");
    const headings = page.locator("section.outlet h2");
    const outletPager = page.getByRole("navigation", { name: "Pages of outlets" });
    await expect.poll(() => headings.count(), WAIT).toBe(20);
    const seenOutlets = await headings.allInnerTexts();
    // Page one's cards stay on screen until page two arrives (keepPreviousData): wait for it.
    await outletPager.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => headings.count(), WAIT).toBe(1);
    const secondPage = await headings.allInnerTexts();
    seenOutlets.push(...secondPage);
    expect(await outletPager.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);
    expect([...seenOutlets].sort()).toEqual([...outletNames].sort());

    // Back to the page that holds the Warehouse, then through its workplaces.
    if (!(await headings.allInnerTexts()).includes("Warehouse")) {
      await outletPager.getByRole("button", { name: "First page" }).click();
      await expect.poll(() => headings.count(), WAIT).toBe(20);
    }
    const card = page.locator("section.outlet", { has: page.getByRole("heading", { name: "Warehouse" }) });
    const rows = card.locator("li[data-workplace]");
    await expect.poll(() => rows.count(), WAIT).toBe(25);
    const seenBays = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-workplace") ?? ""));
    await card.getByRole("navigation", { name: "Pages of workplaces at Warehouse" }).getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(5);
    seenBays.push(...(await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-workplace") ?? ""))));
    expect([...seenBays].sort()).toEqual(bayNames);
    // The other outlets have no workplaces: their cards carry no pager.
    expect(await page.getByRole("navigation", { name: /^Pages of workplaces at Depot/ }).count()).toBe(0);

    // The outlet picker is not limited to the page of cards: from page one, a workplace is added
    // to the outlet that only page two shows, found by typing part of its name.
    const far = secondPage[0]!;
    if (await outletPager.getByRole("button", { name: "First page" }).isEnabled()) {
      await outletPager.getByRole("button", { name: "First page" }).click();
      await expect.poll(() => headings.count(), WAIT).toBe(20);
    }
    expect(await headings.allInnerTexts()).not.toContain(far);
    await page.getByLabel("New workplace").fill("Far Till");
    await page.getByLabel("Find outlet").fill(far.slice(-4));
    const picker = page.getByLabel("Outlet", { exact: true });
    await expect.poll(() => picker.locator("option").allInnerTexts(), WAIT).toContain(far);
    await picker.selectOption({ label: far });
    await page.getByRole("button", { name: "Add workplace" }).click();
    await page.getByText("Workplace “Far Till” added.").waitFor();
    const [farOutlet] = (await api.outlets.list({ search: far })).items.filter((o) => o.name === far);
    const added = await api.workplaces.list({ outletGuid: farOutlet!.guid, search: "Far Till" });
    expect(added.items.map((w) => w.name)).toEqual(["Far Till"]);
    await ctx.close();
  });
});
