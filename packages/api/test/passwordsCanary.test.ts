// A unique password and a unique code go through every password operation, failing and
// succeeding; neither may appear in the audit log, an error, the process log or a stored response.
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/lib/logger";
import { createHarness } from "./harness";
import { auditDump, lastCode, seedPasswordWorld } from "./passwordsFixtures";
import { testTables } from "@latchkey/db/testing";

const { idempotencyRecords } = testTables();

const h = createHarness();

describe("canary: secrets never leak", () => {
  it("keeps passwords and codes out of audit events, errors and logs", async () => {
    const lines: string[] = [];
    h.services.log = createLogger("debug", (l) => lines.push(l));
    const w = await seedPasswordWorld(h, "Sentinel");
    const canary = `Canary-${crypto.randomUUID()}`;
    const errors: string[] = [];
    const attempt = async (p: Promise<unknown>) => {
      try {
        return await p;
      } catch (err) {
        const e = err as Error & { cause?: unknown };
        errors.push(e.message, String(e.stack), JSON.stringify(e.cause), JSON.stringify(e));
        return undefined;
      }
    };
    const admin = h.asToken(w.adminToken, { idempotencyKey: "canary-1" });

    // Failing and succeeding sets, with the canary in the password.
    await attempt(w.api.employees.setPassword({ guid: w.alice.guid, password: `${canary}\u0000` }));
    await attempt(w.api.employees.setPassword({ guid: w.alice.guid, password: `${w.org.alias}${canary}` }));
    await attempt(w.api.employees.setPassword({ guid: w.owner.guid, password: canary }));
    await attempt(admin.employees.setPassword({ guid: w.alice.guid, password: canary, changeRequired: false }));
    await attempt(w.api.employees.setPassword({ guid: w.alice.guid, password: canary }));
    await attempt(h.signIn(w.alice.email, `${canary}-wrong`));
    await attempt(
      h
        .asToken(w.dana.token)
        .employees.changePasswordWithCurrent({ guid: w.alice.guid, currentPassword: `${canary}-wrong`, password: `${canary}-2` }),
    );
    const cookie = (await attempt(h.signIn(w.alice.email, canary))) as string;
    expect(cookie).toBeTruthy();
    await attempt(h.asSession(cookie).me.changePassword({ currentPassword: `${canary}-nope`, newPassword: `${canary}-3` }));
    await attempt(h.asSession(cookie).me.changePassword({ currentPassword: canary, newPassword: canary }));

    // A returned code (stored for the idempotency key) and a sent one.
    const returned = (await attempt(
      h.asToken(w.adminToken, { idempotencyKey: "canary-2" }).employees.requestPasswordReset({ guid: w.bob.guid, delivery: "return" }),
    )) as { code: string };
    await attempt(w.api.employees.resetPassword({ guid: w.alice.guid }));
    const sent = await lastCode(h, w.alice.id);
    const wrong = sent === "00000000" ? "11111111" : "00000000";
    await attempt(h.anonymous().auth.completePasswordReset({ login: w.alice.email, code: wrong, newPassword: `${canary}-4` }));
    await attempt(h.anonymous().auth.completePasswordReset({ login: w.alice.email, code: sent, newPassword: "short" }));
    expect(
      await attempt(h.anonymous().auth.completePasswordReset({ login: w.alice.email, code: sent, newPassword: `${canary}-5` })),
    ).toBeTruthy();
    await attempt(h.anonymous().auth.completePasswordReset({ login: w.alice.email, code: sent, newPassword: `${canary}-6` }));
    expect(
      await attempt(
        w.api.employees.completePasswordReset({ guid: w.bob.guid, code: returned.code, password: `${canary}-7`, changeRequired: false }),
      ),
    ).toBeTruthy();

    expect(errors.length).toBeGreaterThanOrEqual(10);
    const stored = JSON.stringify(await h.db.select().from(idempotencyRecords));
    for (const secret of [canary, returned.code, sent]) {
      expect(await auditDump(h)).not.toContain(secret);
      expect(lines.join("\n")).not.toContain(secret);
      for (const e of errors) expect(e).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
  });
});
