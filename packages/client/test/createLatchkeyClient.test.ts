// What the client puts on the wire: the URL, the bearer token and the org header. The calls
// against the real server are in apps/server/test/client.test.ts.
import { describe, expect, it } from "vitest";
import { createLatchkeyClient, domainCodeOf } from "../src/index";

function recorder(reply: unknown, status = 200) {
  const seen: { url: string; headers: Headers }[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response(JSON.stringify(reply), { status, headers: { "content-type": "application/json" } });
  };
  return { seen, fetchFn };
}

describe("createLatchkeyClient", () => {
  it("sends the bearer token and the org header to <url>/api/trpc", async () => {
    const r = recorder([{ result: { data: { guid: "g" } } }]);
    const client = createLatchkeyClient({ url: "https://latchkey.example//", token: "lk_a_b", org: "acme", fetch: r.fetchFn });
    expect(await client.organizations.current.query()).toEqual({ guid: "g" });
    expect(r.seen[0]!.url).toBe("https://latchkey.example/api/trpc/organizations.current?batch=1&input=%7B%7D");
    expect(r.seen[0]!.headers.get("authorization")).toBe("Bearer lk_a_b");
    expect(r.seen[0]!.headers.get("x-latchkey-org")).toBe("acme");
  });

  it("sends no org header unless asked, and reads the domain code of an error", async () => {
    const r = recorder(
      [
        {
          error: {
            message: "The employee was not found.",
            code: -32004,
            data: { code: "NOT_FOUND", httpStatus: 404, domainCode: "NotFound" },
          },
        },
      ],
      404,
    );
    const client = createLatchkeyClient({ url: "http://x", token: "lk_a_b", fetch: r.fetchFn });
    const err = await client.employees.get.query({ guid: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    expect(r.seen[0]!.headers.has("x-latchkey-org")).toBe(false);
    expect(domainCodeOf(err)).toBe("NotFound");
    expect(domainCodeOf(new Error("x"))).toBeNull();
  });
});
