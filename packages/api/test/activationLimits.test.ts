import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { codeOf, createHarness } from "./harness";
import { seedWorld, type ActivationWorld } from "./activationFixtures";
import { testTables } from "@latchkey/db/testing";

const { activationCodes, auditEvents, rateLimits, workplaces } = testTables();

const h = createHarness();
const DAY = 24 * 3600_000;

const activate = (code: string, ip: string) => h.anonymous({ ip }).auth.activateWorkplace({ code });
const newCode = async (w: ActivationWorld) =>
  (await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid })).code;
/** A well-formed code no live code has: the real code with its last digit changed. */
const wrongOf = (code: string) => code.slice(0, 7) + String((Number(code[7]) + 1) % 10);

describe("wrong activation codes per client address", () => {
  it("5 wrong codes in a row refuse the 6th attempt for 24 h, even with a valid code", async () => {
    const w = await seedWorld(h, "Limit");
    const code = await newCode(w);
    const ip = "192.0.2.1";
    for (let i = 0; i < 5; i++) expect(await codeOf(activate(wrongOf(code), ip))).toBe("WrongActivationCode");
    const err = await activate(code, ip).catch((e) => e);
    expect(err.cause.code).toBe("TryActivateLater");
    expect(err.cause.retryAfterSeconds).toBe(24 * 3600);
    // Kept in the database, not in process memory.
    const row = (
      await h.db
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, `activate:ip:${ip}`))
    )[0];
    expect(row?.blockedUntil).toBe(h.clock.now() + DAY);
    // Another address is not affected; the blocked attempt did not touch the code.
    expect(
      (await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w.workplace.guid)))[0]!.consumedAt,
    ).toBeNull();
    h.clock.advance(DAY - 1000);
    const later = await activate(code, ip).catch((e) => e);
    expect(later.cause.code).toBe("TryActivateLater");
    expect(later.cause.retryAfterSeconds).toBe(1);
    h.clock.advance(1000);
    const fresh = await newCode(w);
    expect(await codeOf(activate(fresh, ip))).toBe("ok");
    // Every attempt is audited, with no organization when the code named none.
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.ip, ip));
    expect(events.map((e) => e.reason)).toEqual([...Array(5).fill("WrongActivationCode"), "TryActivateLater", "TryActivateLater", null]);
    expect(events.slice(0, 7).every((e) => e.orgGuid === null && e.outcome === "failure")).toBe(true);
    expect(events[7]).toMatchObject({ outcome: "success", orgGuid: w.org.guid });
  });

  it("the limit is per address", async () => {
    const w = await seedWorld(h, "PerIp");
    const code = await newCode(w);
    for (let i = 0; i < 5; i++) await codeOf(activate(wrongOf(code), "192.0.2.2"));
    expect(await codeOf(activate(code, "192.0.2.2"))).toBe("TryActivateLater");
    expect(await codeOf(activate(code, "192.0.2.3"))).toBe("ok");
  });

  it("a success never clears the count: minting your own codes buys no further guesses", async () => {
    const w = await seedWorld(h, "Reset");
    const ip = "192.0.2.4";
    let code = await newCode(w);
    for (let i = 0; i < 4; i++) expect(await codeOf(activate(wrongOf(code), ip))).toBe("WrongActivationCode");
    expect(await codeOf(activate(code, ip))).toBe("ok");
    code = await newCode(w);
    expect(await codeOf(activate(wrongOf(code), ip))).toBe("WrongActivationCode");
    expect(await codeOf(activate(code, ip))).toBe("TryActivateLater");
  });

  it("the count runs for 24 h from the first wrong code, then starts again", async () => {
    const w = await seedWorld(h, "Window");
    const ip = "192.0.2.8";
    const code = await newCode(w);
    for (let i = 0; i < 4; i++) expect(await codeOf(activate(wrongOf(code), ip))).toBe("WrongActivationCode");
    h.clock.advance(DAY);
    for (let i = 0; i < 4; i++) expect(await codeOf(activate(wrongOf(code), ip))).toBe("WrongActivationCode");
    expect(await codeOf(activate(await newCode(w), ip))).toBe("ok");
  });

  it("malformed codes (invalid requests) and archived refusals do not count", async () => {
    const w = await seedWorld(h, "Malformed");
    const ip = "192.0.2.5";
    const code = await newCode(w);
    for (let i = 0; i < 6; i++) expect(await codeOf(activate("12a45678", ip))).toBe("RequestIsNotValid");
    for (let i = 0; i < 4; i++) expect(await codeOf(activate(wrongOf(code), ip))).toBe("WrongActivationCode");
    await w.api.workplaces.archive({ guid: w.workplace.guid });
    expect(await codeOf(activate(code, ip))).toBe("NotAllowedForArchived");
    const w2 = await seedWorld(h, "Malformed2");
    expect(await codeOf(activate(await newCode(w2), ip))).toBe("ok");
  });

  it("used and expired codes count as wrong", async () => {
    const w = await seedWorld(h, "Used");
    const ip = "192.0.2.6";
    const used = await newCode(w);
    expect(await codeOf(activate(used, "192.0.2.7"))).toBe("ok");
    for (let i = 0; i < 5; i++) expect(await codeOf(activate(used, ip))).toBe("WrongActivationCode");
    expect(await codeOf(activate(await newCode(w), ip))).toBe("TryActivateLater");
  });
});

describe("concurrent use of one code", () => {
  it("50 parallel activations give exactly one success", async () => {
    const w = await seedWorld(h, "Race");
    const code = await newCode(w);
    // Distinct addresses, so the losers are refused as WrongActivationCode and not by the per-address limit.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => codeOf(activate(code, `10.9.${i >> 8}.${i & 255}`))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "WrongActivationCode")).toHaveLength(49);
    const rows = await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w.workplace.guid));
    expect(rows.filter((r) => r.consumedAt !== null)).toHaveLength(1);
    expect((await h.db.select().from(workplaces).where(eq(workplaces.guid, w.workplace.guid)))[0]!.status).toBe("active");
    const successes = (await h.db.select().from(auditEvents).where(eq(auditEvents.action, "workplace.activate"))).filter(
      (e) => e.ip?.startsWith("10.9.") && e.outcome === "success",
    );
    expect(successes).toHaveLength(1);
  });

  it("from one address: one success, the rest wrong or refused by the limit", async () => {
    const w = await seedWorld(h, "RaceOneIp");
    const code = await newCode(w);
    const results = await Promise.all(Array.from({ length: 50 }, () => codeOf(activate(code, "10.8.0.1"))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.every((r) => ["ok", "WrongActivationCode", "TryActivateLater"].includes(r))).toBe(true);
  });
});
