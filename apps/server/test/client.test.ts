// The typed client (@latchkey/client) and its README example against the real server.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createLatchkeyClient, domainCodeOf } from "@latchkey/client";
import { resetEmployee } from "@latchkey/client/examples/resetEmployee";
import { useServer } from "./useServer";

const t = useServer();
const TSX = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../../packages/client/examples/resetEmployee.ts", import.meta.url));

describe("createLatchkeyClient", () => {
  it("calls procedures with the bearer token through a custom fetch, batching queries", async () => {
    const urls: string[] = [];
    const client = createLatchkeyClient({
      url: `${t.url}/`,
      token: t.world.tokens.service,
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    const [org, employees] = await Promise.all([client.organizations.current.query(), client.employees.list.query({ limit: 100 })]);
    expect(org.guid).toBe(t.world.org.guid);
    expect(employees.items.map((e) => e.guid)).toContain(t.world.employees[1]!.guid);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain("/api/trpc/organizations.current,employees.list?batch=1");
  });

  it("names another organization with `org` (instance admin only) and exposes domain codes", async () => {
    const w = t.world;
    const root = createLatchkeyClient({ url: t.url, token: w.tokens.instanceAdmin, org: w.other.alias });
    expect((await root.organizations.current.query()).guid).toBe(w.other.guid);
    const admin = createLatchkeyClient({ url: t.url, token: w.tokens.admin, org: w.other.alias });
    const err = await admin.organizations.current.query().catch((e: unknown) => e);
    expect(domainCodeOf(err)).toBe("NotFound");
    const bad = createLatchkeyClient({ url: t.url, token: "lk_not_a_token" });
    expect(domainCodeOf(await bad.employees.list.query({}).catch((e: unknown) => e))).toBe("Unauthorized");
  });
});

describe("examples/resetEmployee.ts", () => {
  it("resets an employee as a function", async () => {
    const client = createLatchkeyClient({ url: t.url, token: t.world.tokens.service });
    const done = await resetEmployee(client, t.world.employees[1]!.guid);
    expect(done).toEqual({ name: "Person 3", channel: "sms", sequence: expect.any(Number) });
  });

  it("runs as a script with LATCHKEY_URL and LATCHKEY_TOKEN", async () => {
    const { stdout } = await promisify(execFile)(TSX, [EXAMPLE, t.world.employees[2]!.guid], {
      env: { ...process.env, LATCHKEY_URL: t.url, LATCHKEY_TOKEN: t.world.tokens.service },
    });
    expect(JSON.parse(stdout)).toEqual({ name: "Person 4", channel: "sms", sequence: expect.any(Number) });
    const failed = await promisify(execFile)(TSX, [EXAMPLE, t.world.otherEmployee.guid], {
      env: { ...process.env, LATCHKEY_URL: t.url, LATCHKEY_TOKEN: t.world.tokens.service },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: "reset failed: NotFound\n" });
    // Two tsx processes: each compiles the example first, seconds on a busy machine.
  }, 60_000);
});
