// While PostgreSQL cannot be reached, every family answers 503 in its own envelope (ZITADEL and
// F5: gRPC code 14, UNAVAILABLE), with Retry-After, never a 500 or a stack trace; once the
// database is back the same requests succeed without a restart. SQLite has no such outage.
import { describe, expect, it } from "vitest";
import { testDialect } from "@latchkey/db/testing";
import { NEW_PASSWORD } from "./passwords";
import { useServer } from "./useServer";

const onPostgres = testDialect() === "postgres";
const t = useServer({}, { databaseProxy: true });

/** One request of each family and the typed API, each of which needs the database. */
function requests() {
  const w = t.world;
  return {
    lifePos: () => t.call("POST", `/orgs/${w.org.guid}/employees/${w.employees[4]!.guid}:reset-password`),
    f5: () => t.call("POST", "/api/web/custom/password/admin_reset", { body: { email: w.employees[3]!.email } }),
    zitadel: () =>
      t.call("POST", `/management/v1/users/${w.employees[2]!.guid}/password`, { body: { password: NEW_PASSWORD, noChangeRequired: true } }),
    expenses: () => t.call("PATCH", `/Employees/${w.employees[1]!.id}/ChangePassword`, { body: JSON.stringify(NEW_PASSWORD) }),
    trpc: () => t.call("GET", "/api/trpc/employees.list?input=%7B%7D"),
  };
}

describe.skipIf(!onPostgres)("the database going away", () => {
  it("gets 503 in each family's envelope while it is away, and answers again once it is back", async () => {
    const calls = requests();
    await t.proxy!.cut();
    try {
      const lifePos = await calls.lifePos();
      expect(lifePos.status).toBe(503);
      expect(lifePos.headers.get("retry-after")).toBe("5");
      expect(((await lifePos.json()) as { code: string }).code).toBe("TryLater");

      for (const res of [await calls.f5(), await calls.zitadel()]) {
        expect(res.status).toBe(503);
        expect(((await res.json()) as { code: number }).code).toBe(14);
      }

      const expenses = await calls.expenses();
      expect(expenses.status).toBe(503);

      const trpc = await calls.trpc();
      expect(trpc.status).toBe(503);
      expect(((await trpc.json()) as { error: { data: { code: string } } }).error.data.code).toBe("SERVICE_UNAVAILABLE");
    } finally {
      await t.proxy!.restore();
    }

    // Back: the pool opens new connections by itself.
    expect((await calls.lifePos()).status).toBe(204);
    expect((await calls.f5()).status).toBe(200);
    expect((await calls.zitadel()).status).toBe(200);
    expect((await calls.expenses()).status).toBe(200);
    expect((await calls.trpc()).status).toBe(200);
    // Nothing reached the log as an internal error, and no line carries a stack.
    const log = t.logLines.join("");
    expect(log).not.toMatch(/internal_error/);
    expect(log).not.toMatch(/\n\s+at /);
  });
});
