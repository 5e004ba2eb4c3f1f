// Races over real HTTP: one code redeemed by 50 clients at once, 20 resets of one employee
// through three families at once, and 20 retries carrying one Idempotency-Key. Each must have
// exactly one effect, and the losers must get a clean 4xx.
import { describe, expect, it } from "vitest";
import { afterCooldown, useServer } from "./useServer";

// Each racer comes from its own address, so the per-address wrong-code limit does not muddy the count.
const t = useServer({ LATCHKEY_TRUST_PROXY: "true" });

const count = async (table: string, where = "1=1", ...p: unknown[]) =>
  (await t.sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, ...p))[0]!.n;

describe("races", () => {
  it("50 parallel activations of one code: exactly one 200, 49 WrongActivationCode, one consumption", async () => {
    const w = t.world;
    const gen = await t.call("POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[0]!.guid}:generate-activation-code`, {
      body: { employee: { guid: w.employees[0]!.guid, type_of: "Employee" } },
    });
    expect(gen.status).toBe(200);
    const { activation_code } = (await gen.json()) as { activation_code: string };
    const audits = await count("audit_events", "action = 'workplace.activate'");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${t.url}/auth/activate-workplace`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `192.0.2.${i + 1}` },
          body: JSON.stringify({ activation_code }),
        }).then(async (r) => ({ status: r.status, code: r.status === 200 ? null : ((await r.json()) as { code: string }).code })),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401 && r.code === "WrongActivationCode")).toHaveLength(49);
    expect(await count("activation_codes", "workplace_guid = ? AND consumed_at IS NOT NULL", w.workplaces[0]!.guid)).toBe(1);
    expect((await t.sql<{ status: string }>("SELECT status FROM workplaces WHERE guid = ?", w.workplaces[0]!.guid))[0]!.status).toBe(
      "active",
    );
    expect((await count("audit_events", "action = 'workplace.activate'")) - audits).toBe(50);
    expect(await count("audit_events", "action = 'workplace.activate' AND outcome = 'success'")).toBe(1);
  });

  it("20 parallel resets of one employee through LIFE POS, F5 and ZITADEL: exactly one passes the cooldown", async () => {
    const w = t.world;
    afterCooldown(t);
    const who = w.employees[1]!;
    const before = {
      outbox: await count("outbox_messages", "employee_id = ?", who.id),
      codes: await count("reset_codes", "employee_id = ?", who.id),
    };
    const seqBefore = (await t.sql<{ sequence: number }>("SELECT sequence FROM employees WHERE id = ?", who.id))[0]!.sequence;
    const requests = Array.from({ length: 20 }, (_, i) => {
      if (i % 3 === 0) return t.call("POST", `/orgs/${w.org.guid}/employees/${who.guid}:reset-password`);
      if (i % 3 === 1) return t.call("POST", "/api/web/custom/password/admin_reset", { body: { email: who.email } });
      return t.call("POST", `/v2/users/${who.guid}/password_reset`, { body: { sendLink: { notificationType: "NOTIFICATION_TYPE_SMS" } } });
    });
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    const wins = statuses.filter((s) => s === 200 || s === 204);
    expect(wins).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(19);
    expect((await count("outbox_messages", "employee_id = ?", who.id)) - before.outbox).toBe(1);
    expect((await count("reset_codes", "employee_id = ?", who.id)) - before.codes).toBe(1);
    expect((await t.sql<{ sequence: number }>("SELECT sequence FROM employees WHERE id = ?", who.id))[0]!.sequence).toBe(seqBefore + 1);
    expect(await count("reset_codes", "employee_id = ? AND consumed_at IS NULL AND revoked_at IS NULL", who.id)).toBe(1);
  });

  it("20 parallel retries with one Idempotency-Key: one effect, every answer the same code or a retry-later", async () => {
    const w = t.world;
    const key = `race-${crypto.randomUUID()}`;
    const send = () =>
      t.call("POST", `/orgs/${w.org.guid}/workplaces/${w.workplaces[1]!.guid}:generate-activation-code`, {
        body: { employee: { guid: w.employees[2]!.guid, type_of: "Employee" } },
        headers: { "idempotency-key": key },
      });
    const codesBefore = await count("activation_codes", "workplace_guid = ?", w.workplaces[1]!.guid);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        send().then(async (r) => ({ status: r.status, body: (await r.json()) as { activation_code?: string; code?: string } })),
      ),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((a) => a.body.activation_code)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 200))
      expect({ status: a.status, code: a.body.code }).toEqual({ status: 429, code: "TryLater" });
    expect((await count("activation_codes", "workplace_guid = ?", w.workplaces[1]!.guid)) - codesBefore).toBe(1);
    // A retry after the dust settles replays the stored answer.
    const replay = await send();
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as { activation_code: string }).activation_code).toBe(ok[0]!.body.activation_code);
    expect((await count("activation_codes", "workplace_guid = ?", w.workplaces[1]!.guid)) - codesBefore).toBe(1);
  });

  it("20 parallel password sets with one Idempotency-Key change the password once", async () => {
    const w = t.world;
    const who = w.employees[3]!;
    const key = `race-${crypto.randomUUID()}`;
    const history = await count("password_history", "employee_id = ?", who.id);
    const seq = (await t.sql<{ sequence: number }>("SELECT sequence FROM employees WHERE id = ?", who.id))[0]!.sequence;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t
          .call("POST", `/management/v1/users/${who.guid}/password`, {
            body: { password: "Quiet-Meadow-Copper-58", noChangeRequired: true },
            headers: { "idempotency-key": key },
          })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect((await count("password_history", "employee_id = ?", who.id)) - history).toBe(1);
    expect((await t.sql<{ sequence: number }>("SELECT sequence FROM employees WHERE id = ?", who.id))[0]!.sequence).toBe(seq + 1);
  });
});
