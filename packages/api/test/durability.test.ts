// An operation is answered only once what it wrote is committed (with group commit on SQLite:
// once its group is): another connection (another process, or the same after a crash) already
// sees it the moment the call resolves, for a success, a refusal inside the action (with its
// failure counter) and a refusal before the action ran.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, sql, type Database, type SQL } from "@latchkey/db";
import { seedWorld } from "./activationFixtures";
import { codeOf, createHarness } from "./harness";

const h = createHarness();
// A second connection, as another process would open the database (it only reads).
let second: Database;
beforeAll(async () => {
  second = await openDatabase(h.url, { migrate: false });
});
afterAll(() => second.close());

const count = async (query: SQL) => Number((await second.rows<{ n: number }>(second.db, query))[0]!.n);
const events = (action: string, outcome: string) =>
  count(sql`SELECT count(*) AS n FROM audit_events WHERE action = ${action} AND outcome = ${outcome}`);

describe("answered means durable", () => {
  it("a success, a refusal in the action and a refusal before it are on disk when the call resolves", async () => {
    const w = await seedWorld(h, "Durable");

    const generated = await events("workplace.generate_activation_code", "success");
    const code = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    expect(code.code).toMatch(/^\d{8}$/);
    expect(await events("workplace.generate_activation_code", "success")).toBe(generated + 1);

    // A wrong code: the failure event and the per-IP counter of wrong codes.
    const wrong = code.code === "00000000" ? "11111111" : "00000000";
    expect(await codeOf(h.anonymous({ ip: "203.0.113.9" }).auth.activateWorkplace({ code: wrong }))).toBe("WrongActivationCode");
    expect(await count(sql`SELECT count(*) AS n FROM rate_limits WHERE key LIKE '%203.0.113.9%'`)).toBe(1);
    expect(await events("workplace.activate", "failure")).toBe(1);

    // A keyed request: its stored answer (what a retry after a crash replays) is on disk too.
    await h.asToken(w.adminToken, { idempotencyKey: "durable-1" }).workplaces.generateActivationCode({
      guid: w.workplace.guid,
      employeeGuid: w.employee.guid,
    });
    const [stored] = await second.rows<{ response: string }>(
      second.db,
      sql`SELECT response FROM idempotency_records WHERE key = ${"durable-1"}`,
    );
    expect(stored?.response).toBeTruthy();
    expect(stored!.response).not.toBe("pending");

    // Refused before any action ran (an employee's token on an admin mutation).
    const refusedBefore = await events("employee.create", "failure");
    expect(await codeOf(h.asToken(w.employeeToken).employees.create({ displayName: "Not Allowed" }))).toBe("NoPermissions");
    expect(await events("employee.create", "failure")).toBe(refusedBefore + 1);
  });
});
