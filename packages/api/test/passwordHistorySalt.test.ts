// The reuse rule with per-employee salts (lib/passwords.ts employeeSalt): new hashes of one
// employee share a salt, so history entries are compared as strings; entries hashed with a
// random salt (before the change, or by a sign-in rehash) are still verified with argon2.
import { describe, expect, it } from "vitest";
import { desc, eq } from "@latchkey/db";
import { hashPassword } from "../src/lib/passwords";
import { codeOf, createHarness, seedOrg } from "./harness";
import { testTables } from "@latchkey/db/testing";

const { passwordHistory } = testTables();

const h = createHarness();
const saltOf = (phc: string) => phc.split("$")[4];

describe("password history with per-employee salts", () => {
  it("refuses reuse of a recent password whether its hash shares the salt or not", async () => {
    const a = await seedOrg(h, "Salty");
    const api = h.asToken(a.ownerToken);
    const set = (password: string) => api.employees.setPassword({ guid: a.owner.guid, password, changeRequired: false });
    await set("Quartz-Meadow-Lantern-41");
    await set("Quartz-Meadow-Lantern-42");
    const rows = await h.db
      .select()
      .from(passwordHistory)
      .where(eq(passwordHistory.employeeId, a.owner.id))
      .orderBy(desc(passwordHistory.id));
    // Two new hashes of one employee: same salt, different hashes.
    expect(saltOf(rows[0]!.passwordHash)).toBe(saltOf(rows[1]!.passwordHash));
    expect(rows[0]!.passwordHash).not.toBe(rows[1]!.passwordHash);
    expect(await codeOf(set("Quartz-Meadow-Lantern-41"))).toBe("RequestIsNotValid");

    // A remembered hash with a random salt (made before per-employee salts) is verified instead.
    const legacy = await hashPassword("Quartz-Meadow-Lantern-40", h.services.hashParams);
    await h.services.database.transaction((tx) =>
      tx.insert(passwordHistory).values({ employeeId: a.owner.id, passwordHash: legacy, createdAt: h.clock.now() }),
    );
    expect(await codeOf(set("Quartz-Meadow-Lantern-40"))).toBe("RequestIsNotValid");
    expect(await codeOf(set("Quartz-Meadow-Lantern-43"))).toBe("ok");
  });

  it("gives different employees different salts", async () => {
    const a = await seedOrg(h, "Salty");
    const b = await seedOrg(h, "Salty");
    const same = "Quartz-Meadow-Lantern-99";
    await h.asToken(a.ownerToken).employees.setPassword({ guid: a.owner.guid, password: same, changeRequired: false });
    await h.asToken(b.ownerToken).employees.setPassword({ guid: b.owner.guid, password: same, changeRequired: false });
    const latest = async (id: number) =>
      (await h.db.select().from(passwordHistory).where(eq(passwordHistory.employeeId, id)).orderBy(desc(passwordHistory.id)))[0]!;
    expect(saltOf((await latest(a.owner.id)).passwordHash)).not.toBe(saltOf((await latest(b.owner.id)).passwordHash));
  });
});
