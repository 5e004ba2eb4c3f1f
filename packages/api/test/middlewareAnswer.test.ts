// The idempotent replay answers from a middleware without running the procedure
// (lib/middlewareAnswer.ts). tRPC has no public constructor for that result, so this holds the one
// place that builds it to what tRPC does with it, in-process and over its HTTP handler: if tRPC
// changes the shape underneath, these fail rather than replays silently running the procedure.
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { answeredByMiddleware } from "../src/lib/middlewareAnswer";

const t = initTRPC.create();
let ran = 0;
const replayed = t.procedure.use(async ({ next }) => answeredByMiddleware(next, { stored: "answer" }));
const appRouter = t.router({
  act: replayed.mutation(() => {
    ran++;
    return { stored: "fresh" };
  }),
});

describe("a middleware's own answer", () => {
  it("reaches an in-process caller as the procedure's result, without running it", async () => {
    ran = 0;
    expect(await t.createCallerFactory(appRouter)({}).act()).toEqual({ stored: "answer" });
    expect(ran).toBe(0);
  });

  it("reaches an HTTP caller as the procedure's result, without running it", async () => {
    ran = 0;
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      createContext: () => ({}),
      req: new Request("http://localhost/api/trpc/act", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: { stored: "answer" } } });
    expect(ran).toBe(0);
  });
});
