// A refused password names its rule (and the number the rule is about) in the tRPC error data, so
// the web app can say it in the user's language; the vendors' REST envelopes stay as they are.
import { describe, expect, it } from "vitest";
import { useServer } from "./useServer";

const t = useServer();

interface TrpcError {
  error: { message: string; data: { domainCode: string; field: string | null; rule: string | null; limit: number | null } };
}

describe("password rule in refusals", () => {
  it("names the rule and its limit over /api/trpc, for every rule with a number", async () => {
    const guid = t.world.employees[1]!.guid;
    const short = await t.call("POST", "/api/trpc/employees.setPassword", { body: { guid, password: "Short-1", changeRequired: false } });
    expect(short.status).toBe(400);
    const body = (await short.json()) as TrpcError;
    expect(body.error.data).toMatchObject({ domainCode: "RequestIsNotValid", field: "password", rule: "minLength", limit: 12 });
    expect(body.error.message).toBe("The password must be at least 12 characters long.");

    const common = await t.call("POST", "/api/trpc/employees.setPassword", {
      body: { guid, password: "password1234", changeRequired: false },
    });
    expect(((await common.json()) as TrpcError).error.data).toMatchObject({ rule: "common", limit: null });

    // Other refusals carry no rule.
    const missing = await t.call("POST", "/api/trpc/employees.setPassword", {
      body: { guid: "00000000-0000-4000-8000-000000000000", password: "Quiet-Meadow-Copper-58", changeRequired: false },
    });
    expect(((await missing.json()) as TrpcError).error.data).toMatchObject({ domainCode: "NotFound", rule: null, limit: null });
  });

  it("leaves the ZITADEL envelope unchanged", async () => {
    const res = await t.call("POST", `/management/v1/users/${t.world.employees[1]!.guid}/password`, { body: { password: "Short-1" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["code", "details", "message"]);
    expect(JSON.stringify(body)).not.toContain("minLength");
  });
});
