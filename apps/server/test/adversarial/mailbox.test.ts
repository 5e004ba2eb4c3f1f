// The developer mailbox (the default `log` provider keeps messages for admins to read) must not
// become a way around owner protection: an admin may not set the owner's password, so an admin
// must not be able to read the owner's reset code and redeem it.
import { describe, expect, it } from "vitest";
import { deliverDueMessages } from "@latchkey/api";
import { PASSWORD } from "../passwords";
import { useServer } from "../useServer";

const t = useServer();

const mailbox = async (token: string) => {
  const res = await fetch(`${t.url}/api/trpc/mailbox.list?input=${encodeURIComponent(JSON.stringify({ limit: 100 }))}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: { data: { items: { recipient: string; body: string; kind: string }[] } } }).result.data.items;
};
const codesIn = (text: string) => [...text.matchAll(/(?<!\d)\d{8}(?!\d)/g)].map((m) => m[0]);

describe("developer mailbox and owner protection", () => {
  it("an admin cannot read the owner's reset code from the mailbox, so cannot take the owner's account", async () => {
    const w = t.world;
    // The owner resets their own password (they may), delivered by email through the log provider.
    const reset = await t.call("POST", `/v2/users/${w.owner.guid}/password_reset`, {
      token: w.tokens.owner,
      body: { sendLink: { notificationType: "NOTIFICATION_TYPE_Email" } },
    });
    expect(reset.status).toBe(200);
    await deliverDueMessages(t.services);
    for (const token of [w.tokens.admin, w.tokens.service]) {
      const toOwner = (await mailbox(token)).filter((m) => m.recipient === w.owner.email);
      expect(toOwner.length).toBeGreaterThan(0);
      const leaked = toOwner.flatMap((m) => codesIn(m.body));
      for (const code of leaked) {
        const takeover = await t.call("POST", "/api/trpc/auth.completePasswordReset", {
          token: null,
          body: { login: w.owner.email, code, newPassword: "Taken-Over-By-An-Admin-77" },
        });
        expect(takeover.status).not.toBe(200);
      }
      expect(leaked).toEqual([]);
    }
    // The owner (with a fresh token: the reset ended the old one) still sees their own message in full.
    const fresh = await t.admin().tokens.create({ name: "owner again", employeeGuid: w.owner.guid, scopes: ["admin", "self"] });
    const own = (await mailbox(fresh.token)).filter((m) => m.recipient === w.owner.email);
    expect(own.flatMap((m) => codesIn(m.body)).length).toBeGreaterThan(0);
    // Nobody but the owner set a password: the attacker's does not sign in, and the reset left none.
    for (const password of ["Taken-Over-By-An-Admin-77", PASSWORD]) {
      const signIn = await t.call("POST", "/api/trpc/auth.signIn", { token: null, body: { login: w.owner.email, password } });
      expect(signIn.status).toBe(401);
    }
  });

  it("codes of employees the admin may manage stay readable (that is what the mailbox is for)", async () => {
    const w = t.world;
    const reset = await t.call("POST", `/orgs/${w.org.guid}/employees/${w.employees[0]!.guid}:reset-password`);
    expect(reset.status).toBe(204);
    await deliverDueMessages(t.services);
    const items = (await mailbox(w.tokens.admin)).filter((m) => m.recipient === w.employees[0]!.phone);
    // One code, written out and inside the message's link to the reset page.
    expect(new Set(items.flatMap((m) => codesIn(m.body))).size).toBe(1);
  });
});
