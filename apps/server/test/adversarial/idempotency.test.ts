// Idempotency-Key on /api/trpc (the typed client's and the web app's endpoint): parallel retries
// with one key have one effect, and a malformed key is refused before anything runs.
import { describe, expect, it } from "vitest";
import { expectNoEffect } from "../expectNoEffect";
import { useServer } from "../useServer";

const t = useServer();

describe("Idempotency-Key on /api/trpc", () => {
  it("20 parallel tRPC retries with one key issue one activation code, all answering the same code or retry-later", async () => {
    const w = t.world;
    const key = `trpc-${crypto.randomUUID()}`;
    const count = async () =>
      (await t.sql<{ n: number }>("SELECT count(*) AS n FROM activation_codes WHERE workplace_guid = ?", w.workplaces[2]!.guid))[0]!.n;
    const before = await count();
    const send = () =>
      t.call("POST", "/api/trpc/workplaces.generateActivationCode", {
        body: { guid: w.workplaces[2]!.guid, employeeGuid: w.employees[2]!.guid },
        headers: { "idempotency-key": key },
      });
    const answers = await Promise.all(Array.from({ length: 20 }, send));
    const codes = await Promise.all(
      answers
        .filter((r) => r.status === 200)
        .map(async (r) => ((await r.json()) as { result: { data: { code: string } } }).result.data.code),
    );
    expect(codes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(codes).size).toBe(1);
    for (const r of answers) expect([200, 429]).toContain(r.status);
    expect((await count()) - before).toBe(1);
    const replay = await send();
    expect(((await replay.json()) as { result: { data: { code: string } } }).result.data.code).toBe(codes[0]);
    expect((await count()) - before).toBe(1);
  });

  it("a malformed key is a 400, not a 500, and changes nothing", async () => {
    const w = t.world;
    const [res] = await expectNoEffect(t, async () =>
      t.call("POST", "/api/trpc/employees.setPassword", {
        body: { guid: w.employees[3]!.guid, password: "Quiet-Meadow-Copper-58" },
        headers: { "idempotency-key": "k".repeat(300) },
      }),
    );
    expect(res!.status).toBe(400);
  });
});
