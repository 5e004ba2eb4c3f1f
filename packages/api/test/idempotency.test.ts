import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { codeOf, createHarness } from "./harness";
import { employeeRow, seedPasswordWorld, strongPassword } from "./passwordsFixtures";
import { testTables } from "@latchkey/db/testing";

const { idempotencyRecords, outboxMessages, resetCodes } = testTables();

const h = createHarness();
const withKey = (token: string, idempotencyKey: string) => h.asToken(token, { idempotencyKey });
const codesOf = async (employeeId: number) => await h.db.select().from(resetCodes).where(eq(resetCodes.employeeId, employeeId));

describe("idempotency keys", () => {
  it("the same key and input replays the stored result with no second effect", async () => {
    const w = await seedPasswordWorld(h, "Idem");
    const first = await withKey(w.adminToken, "key-1").employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    const seq = (await employeeRow(h, w.alice.guid)).sequence;
    const again = await withKey(w.adminToken, "key-1").employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    expect(again).toEqual(first);
    expect((await employeeRow(h, w.alice.guid)).sequence).toBe(seq);
    expect(await codesOf(w.alice.id)).toHaveLength(1);
    // The stored result holds the code, so it is stored encrypted.
    const rec = (await h.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, "key-1")))[0]!;
    expect(rec.response).toMatch(/^v1\./);
    expect(rec.response).not.toContain(first.code!);
    expect(rec.requestHash).not.toContain(w.alice.guid);
  });

  it("a sending reset retried with its key is not refused by the cooldown and sends once", async () => {
    const w = await seedPasswordWorld(h, "IdemSend");
    const call = () => withKey(w.adminToken, "send-1").employees.resetPassword({ guid: w.alice.guid });
    const first = await call();
    expect(await call()).toEqual(first);
    expect(await h.db.select().from(outboxMessages).where(eq(outboxMessages.employeeId, w.alice.id))).toHaveLength(1);
  });

  it("the same key with a different input is refused as RequestIsNotValid", async () => {
    const w = await seedPasswordWorld(h, "IdemDiff");
    await withKey(w.adminToken, "key-2").employees.setPassword({ guid: w.alice.guid, password: strongPassword() });
    const err = await withKey(w.adminToken, "key-2")
      .employees.setPassword({ guid: w.bob.guid, password: strongPassword() })
      .catch((e) => e);
    expect(err.cause).toMatchObject({ code: "RequestIsNotValid", field: "idempotencyKey" });
    expect(err.message).toContain("different request");
  });

  it("keys are scoped by actor and procedure, and expire after 24 h", async () => {
    const w = await seedPasswordWorld(h, "IdemScope");
    const a = await withKey(w.adminToken, "shared").employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    // Another actor with the same key and input: its own effect.
    const b = await withKey(w.dana.token, "shared").employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    expect(await codesOf(w.alice.id)).toHaveLength(2);
    expect(b.employee.sequence).toBe(a.employee.sequence + 1);
    // Another procedure with the same key: its own effect too.
    expect(await codeOf(withKey(w.adminToken, "shared").employees.setPassword({ guid: w.bob.guid, password: strongPassword() }))).toBe(
      "ok",
    );
    h.clock.advance(24 * 3600_000 + 1);
    const c = await withKey(w.adminToken, "shared").employees.requestPasswordReset({ guid: w.alice.guid, delivery: "return" });
    expect(c.employee.sequence).toBe(b.employee.sequence + 1);
  });

  it("a failed request stores nothing, so a retry with the key runs again", async () => {
    const w = await seedPasswordWorld(h, "IdemFail");
    expect(await codeOf(withKey(w.adminToken, "key-3").employees.setPassword({ guid: w.alice.guid, password: "short" }))).toBe(
      "RequestIsNotValid",
    );
    expect(await h.db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, "key-3"))).toHaveLength(0);
    expect(await codeOf(withKey(w.adminToken, "key-3").employees.setPassword({ guid: w.alice.guid, password: "short" }))).toBe(
      "RequestIsNotValid",
    );
  });

  it("concurrent requests with one key give one effect, and every one answers with it", async () => {
    const w = await seedPasswordWorld(h, "IdemRace");
    // Rounds, because the window is narrow: a copy that opens its claim before its twin commits
    // and then reads the twin's change (the password history) must still get the twin's answer,
    // never "password used recently".
    for (let round = 0; round < 8; round++) {
      const before = (await employeeRow(h, w.alice.guid)).sequence;
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          withKey(w.adminToken, `race-${round}`)
            .employees.setPassword({ guid: w.alice.guid, password: `Velvet-Race-Quasar-${70 + round}`, changeRequired: false })
            .then(
              (r) => r.employee.sequence,
              (e) => e.cause.code as string,
            ),
        ),
      );
      expect(results).toEqual(Array.from({ length: 8 }, () => before + 1));
      expect((await employeeRow(h, w.alice.guid)).sequence).toBe(before + 1);
    }
  });

  it("a copy that reads its twin's committed change still answers with the twin's result", async () => {
    const w = await seedPasswordWorld(h, "IdemLate");
    // The second copy starts later and later, so that in some rounds it opens its claim just
    // before the first commits and reads the password history just after: it must answer with
    // the first's result, never "password used recently".
    const answers: (number | string)[] = [];
    for (let delay = 0; delay < 40; delay += 0.5) {
      const key = `late-${delay}`;
      const call = () =>
        withKey(w.adminToken, key)
          .employees.setPassword({ guid: w.alice.guid, password: `Amber-Late-Quasar-${delay * 2}`, changeRequired: false })
          .then(
            (r) => r.employee.sequence,
            (e) => e.cause.code as string,
          );
      const first = call();
      await new Promise((r) => setTimeout(r, delay));
      const [a, b] = await Promise.all([first, call()]);
      answers.push(a, b);
      expect({ delay, b }).toEqual({ delay, b: a });
    }
    expect(answers.every((x) => typeof x === "number")).toBe(true);
  });

  it("queries and anonymous calls ignore the key", async () => {
    const w = await seedPasswordWorld(h, "IdemQuery");
    expect(await codeOf(withKey(w.adminToken, "q").settings.get())).toBe("ok");
    expect(await codeOf(withKey(w.adminToken, "q").settings.get())).toBe("ok");
    const bad = () =>
      h.anonymous({ idempotencyKey: "anon" }).auth.completePasswordReset({ login: "x@y.test", code: "12345678", newPassword: "z" });
    expect(await codeOf(bad())).toBe("InvalidConfirmationCode");
    expect(await codeOf(bad())).toBe("InvalidConfirmationCode");
    expect((await h.db.select().from(idempotencyRecords)).some((r) => r.key === "q" || r.key === "anon")).toBe(false);
  });
});
