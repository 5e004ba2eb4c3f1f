import { describe, expect, it } from "vitest";
import { createCaller, createSystemContext } from "@latchkey/api";
import { codeFromMailbox, failSignIns, PASSWORD, shot, useE2E } from "./harness";

const e2e = useE2E();

describe("password flows in the browser", () => {
  it("admin resets a password, the employee completes /reset with the mailed code and signs in", async () => {
    const { world } = e2e;
    const target = world.employees[0]!;
    const admin = await e2e.context();
    const page = await admin.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/console/employees");
    await page.getByText(target.displayName).waitFor();
    await shot(page, "console-employees");

    await page.getByRole("link", { name: target.displayName }).click();
    await page.getByRole("heading", { name: target.displayName }).waitFor();
    // A reset asks first, naming everything it does; Cancel does none of it.
    await page.getByRole("button", { name: "Reset password" }).click();
    const ask = page.getByRole("alertdialog", { name: `Reset the password of ${target.displayName}?` });
    await ask.getByText("The current password stops working at once.").waitFor();
    await ask.getByText(`Every session and API token of ${target.displayName} is revoked.`).waitFor();
    await ask.getByText("A one-time reset code is sent by SMS to +79160000102", { exact: false }).waitFor();
    await shot(page, "reset-confirm");
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    const orgApi = createCaller(createSystemContext(e2e.services, { org: { guid: world.org.guid } }));
    expect((await orgApi.employees.get({ guid: target.guid })).passwordChangeRequired).toBe(false);
    await page.getByRole("button", { name: "Reset password" }).click();
    await ask.getByRole("button", { name: "Reset password" }).click();
    await page.getByText("A reset code was sent by SMS").waitFor();
    await shot(page, "employee-page");
    const code = await codeFromMailbox(page, "+79160000102");
    await shot(page, "mailbox");

    const visitor = await e2e.context();
    const p2 = await visitor.newPage();
    // The old password stopped working at once.
    await p2.goto("/sign-in");
    await p2.getByLabel("Email or username").fill(target.email);
    await p2.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await p2.getByRole("button", { name: "Sign in" }).click();
    await p2.getByRole("alert").getByText("The login or password is wrong.").waitFor();
    await shot(p2, "sign-in-wrong");

    const response = await p2.goto("/reset");
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response?.headers()["content-security-policy"]).not.toContain("unsafe-eval");
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src [^;]*nonce-/);
    expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
    // The organization asks for more than the default 12 characters. The public page cannot know
    // that (it would tell strangers which logins exist), so it states the rules in general and the
    // server names the rule once the code is right; the code stays usable for the retry.
    const system = createCaller(createSystemContext(e2e.services, { org: { guid: world.org.guid } }));
    await system.settings.update({ passwordPolicy: { minLength: 16 } });
    await p2.getByLabel("Email or username").fill(target.email);
    await p2.getByLabel("Reset code").fill(code);
    await p2.getByText(/^Your organization's rules apply: at least 8 characters/).waitFor();
    expect(await p2.getByText(/At least 12 characters/).count()).toBe(0);
    await p2.getByLabel("New password").fill("Amber-Falcon-9x");
    await p2.getByText("Strength:").waitFor();
    await shot(p2, "reset");
    await p2.getByRole("button", { name: "Set new password" }).click();
    await p2.getByRole("alert").getByText("The password must be at least 16 characters long.").waitFor();
    await p2.getByLabel("New password").fill("Amber-Falcon-Orchard-417");
    await p2.getByRole("button", { name: "Set new password" }).click();
    await p2.getByText("Your password was set.").waitFor();

    await e2e.signIn(p2, target.email, "Amber-Falcon-Orchard-417");
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/account");
    await p2.getByRole("heading", { name: "My account" }).waitFor();
    await p2.getByRole("button", { name: "Sign out everywhere" }).waitFor();
    await shot(p2, "my-account");
    await p2.getByRole("button", { name: "Sign out everywhere" }).click();
    const bye = p2.getByRole("alertdialog", { name: "Sign out everywhere?" });
    await bye.getByText("This browser is signed out too: you will sign in again.").waitFor();
    await bye.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/sign-in");
    await p2.goto("/account");
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/sign-in");
    await admin.close();
    await visitor.close();
  });

  it("set password with 'Require change at next sign-in' forces the employee to /account/password", async () => {
    const { world } = e2e;
    const target = world.employees[1]!;
    // The organization's own rules (the first test raised them too): the page must state these.
    const system = createCaller(createSystemContext(e2e.services, { org: { guid: world.org.guid } }));
    await system.settings.update({ passwordPolicy: { minLength: 16 } });
    const admin = await e2e.context();
    const page = await admin.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto(`/console/employees/${target.guid}`);
    await page.getByRole("button", { name: "Set password", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Set password" });
    await dialog.getByLabel("New password").fill("Granite-Willow-Sparrow-72");
    await expect(await dialog.getByLabel("Require change at next sign-in").isChecked()).toBe(true);
    await shot(page, "set-password-dialog");
    await dialog.getByRole("button", { name: "Save password" }).click();
    await page.getByText("The password was set.").waitFor();

    const visitor = await e2e.context();
    const p2 = await visitor.newPage();
    await e2e.signIn(p2, target.email, "Granite-Willow-Sparrow-72");
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/account/password");
    // Nothing else is reachable while the change is pending.
    await p2.goto("/account");
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/account/password");
    await p2.goto("/console/employees");
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/account/password");
    await p2.getByText(/^At least 16 characters \(at most 128\)/).waitFor();
    await shot(p2, "change-password-required");
    await p2.getByLabel("Current password").fill("Granite-Willow-Sparrow-72");
    await p2.getByLabel("New password", { exact: true }).fill("Copper-Lagoon-Thistle-81");
    await p2.getByLabel("Confirm new password").fill("Copper-Lagoon-Thistle-81");
    await p2.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/account");
    await p2.getByRole("heading", { name: "My account" }).waitFor();
    await admin.close();
    await visitor.close();
  });

  it("the set-password dialog works with the keyboard alone", async () => {
    const { world } = e2e;
    const target = world.employees[2]!;
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    await page.goto(`/console/employees/${target.guid}`);
    await page.getByRole("heading", { name: target.displayName }).waitFor();
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    const focusedLabel = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.labels?.[0]?.textContent?.trim() ?? "";
      });
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = (await focusedText()) === "Set password";
    }
    expect(reached).toBe(true);

    // Escape closes the dialog and gives focus back to the button.
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Set password" }).waitFor();
    await expect.poll(focusedLabel).toBe("New password");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(focusedText).toBe("Set password");

    await page.keyboard.press("Enter");
    await expect.poll(focusedLabel).toBe("New password");
    await page.keyboard.type("Saffron-Beacon-Meadow-64");
    await page.keyboard.press("Tab");
    await expect.poll(focusedLabel).toBe("Require change at next sign-in");
    await page.keyboard.press("Space");
    expect(await page.getByLabel("Require change at next sign-in").isChecked()).toBe(false);
    await page.keyboard.press("Tab");
    await expect.poll(focusedText).toBe("Save password");
    await page.keyboard.press("Enter");
    await page.getByText("The password was set.").waitFor();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(focusedText).toBe("Set password");

    // Without the change requirement the employee goes straight in.
    const visitor = await e2e.context();
    const p2 = await visitor.newPage();
    await e2e.signIn(p2, target.email, "Saffron-Beacon-Meadow-64");
    await expect.poll(() => new URL(p2.url()).pathname).toBe("/account");
    await ctx.close();
    await visitor.close();
  });

  it("a locked account is told when it can try again", async () => {
    const { world } = e2e;
    const target = world.employees[3]!;
    await failSignIns(e2e.services, target.email, 10);
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email or username").fill(target.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/Too many attempts\. Try again after \d\d:\d\d/).waitFor();
    await shot(page, "sign-in-locked");
    await ctx.close();
  });

  it("the mailbox shows the reset link; it opens /reset with the code and organization filled in, then wipes them from the address bar", async () => {
    const { world } = e2e;
    const system = createCaller(createSystemContext(e2e.services, { org: { guid: world.org.guid } }));
    const target = await system.employees.create({ displayName: "Fiona Finder", email: "fiona@acme-link.test", phone: "+79160000105" });
    await system.employees.resetPassword({ guid: target.guid });
    const admin = await e2e.context();
    const page = await admin.newPage();
    await e2e.signIn(page, world.admin.email, PASSWORD);
    const code = await codeFromMailbox(page, "+79160000105");
    const link = page.locator("li.mail-item", { hasText: "+79160000105" }).first().getByRole("link");
    const href = (await link.getAttribute("href"))!;
    // LATCHKEY_PUBLIC_URL (here its default) names the page; the code rides only in the fragment.
    expect(href).toBe(`http://localhost:3000/reset#org=${world.org.alias}&code=${code}`);
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");

    const visitor = await e2e.context();
    const p2 = await visitor.newPage();
    await p2.goto(`/reset${new URL(href).hash}`);
    await expect.poll(() => p2.getByLabel("Reset code").inputValue()).toBe(code);
    expect(await p2.getByLabel("Organization", { exact: false }).inputValue()).toBe(world.org.alias);
    expect(new URL(p2.url()).hash).toBe("");
    await p2.getByLabel("Email or username").fill("fiona@acme-link.test");
    await p2.getByLabel("New password").fill("Juniper-Falcon-Orchard-58");
    await p2.getByRole("button", { name: "Set new password" }).click();
    await p2.getByText("Your password was set.").waitFor();
    await admin.close();
    await visitor.close();
  });
});
