// With group commit an operation is answered only once what it wrote is on disk: another
// connection (another process after a crash would see the same file) already sees it the moment
// the call resolves, for a success, a refusal inside the action (with its failure counter) and a
// refusal before the action ran.
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@latchkey/db";
import { seedWorld } from "./activationFixtures";
import { codeOf, createHarness } from "./harness";

const h = createHarness();
// A second connection, as another process would open the file (it only reads).
const second = openDatabase(`file:${h.services.database.path}`);
const disk = second.sqlite;
afterAll(() => second.close());

const onDisk = (sql: string, ...params: unknown[]) => (disk.prepare(sql).get(...params) as { n: number }).n;
const events = (action: string, outcome: string) =>
  onDisk("SELECT count(*) AS n FROM audit_events WHERE action = ? AND outcome = ?", action, outcome);

describe("answered means durable", () => {
  it("a success, a refusal in the action and a refusal before it are on disk when the call resolves", async () => {
    const w = await seedWorld(h, "Durable");
    expect(h.services.database.sqlite.inTransaction).toBe(false);

    const generated = events("workplace.generate_activation_code", "success");
    const code = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    expect(code.code).toMatch(/^\d{8}$/);
    expect(events("workplace.generate_activation_code", "success")).toBe(generated + 1);

    // A wrong code: the failure event and the per-IP counter of wrong codes.
    const wrong = code.code === "00000000" ? "11111111" : "00000000";
    expect(await codeOf(h.anonymous({ ip: "203.0.113.9" }).auth.activateWorkplace({ code: wrong }))).toBe("WrongActivationCode");
    expect(onDisk("SELECT count(*) AS n FROM rate_limits WHERE key LIKE '%203.0.113.9%'")).toBe(1);
    expect(events("workplace.activate", "failure")).toBe(1);

    // A keyed request: its stored answer (what a retry after a crash replays) is on disk too.
    await h.asToken(w.adminToken, { idempotencyKey: "durable-1" }).workplaces.generateActivationCode({
      guid: w.workplace.guid,
      employeeGuid: w.employee.guid,
    });
    const stored = disk.prepare("SELECT response FROM idempotency_records WHERE key = ?").get("durable-1") as
      { response: string } | undefined;
    expect(stored?.response).toBeTruthy();
    expect(stored!.response).not.toBe("pending");

    // Refused before any action ran (an employee's token on an admin mutation).
    const refusedBefore = events("employees.create", "failure");
    expect(await codeOf(h.asToken(w.employeeToken).employees.create({ displayName: "Not Allowed" }))).toBe("NoPermissions");
    expect(events("employees.create", "failure")).toBe(refusedBefore + 1);
  });
});
