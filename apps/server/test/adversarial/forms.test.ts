// Form-encoded Expenses bodies, the one place a password arrives percent-encoded: a bare password
// sent without "=" must not come back in the error, and bytes that are not UTF-8 must not be
// silently replaced by U+FFFD (which would store a different password than the one sent).
import { describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { useServer } from "../useServer";

const t = useServer();
const form = (id: number, body: string) =>
  t.call("PATCH", `/Employees/${id}/ChangePassword`, { body, headers: { "content-type": "application/x-www-form-urlencoded" } });

describe("Expenses form bodies", () => {
  it("a password sent as a bare form key is refused without repeating it", async () => {
    const who = t.world.employees[0]!;
    const secret = `Bare-${crypto.randomUUID()}`;
    const [res] = await expectNoEffect(t, async () => form(who.id, secret));
    expect(res!.status).toBe(400);
    expect(await res!.text()).not.toContain(secret);
  });

  it("percent-encoded bytes that are not UTF-8 are refused, not turned into U+FFFD", async () => {
    const who = t.world.employees[1]!;
    const [a, b, c, d] = await expectNoEffect(t, async () => [
      await form(who.id, "=Quiet-Meadow%ED%A0%80-Copper-58"),
      await form(who.id, "=Quiet-Meadow%FF-Copper-58"),
      await form(who.id, "newPassword=Quiet-Meadow-Copper-58%C3"),
      await form(who.id, "=%C0%AFQuiet-Meadow-Copper-58"),
    ]);
    for (const r of [a, b, c, d]) expect(r!.status).toBe(400);
    // A well-formed multi-byte password still works.
    expect((await form(who.id, `=${encodeURIComponent("Quiet-Méadow-Cöpper-58-\u{1F511}")}`)).status).toBe(200);
  });
});
