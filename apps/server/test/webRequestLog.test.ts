// Web page requests are logged and counted like API requests. A plain node:http handler stands
// in for Next here (deploySystemd.test.ts reads the line of a page the built app served): what is
// tested is the line, the id and the labels, which must never carry an id or an unbounded path.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logWebRequest, webRoute } from "../src/webRequestLog";
import { useServer } from "./useServer";

const t = useServer();
let server: Server;
let url = "";
const seenIds: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    logWebRequest(t.services, req, res, path);
    seenIds.push(String(req.headers["x-request-id"]));
    res.statusCode = path.startsWith("/console") || path.startsWith("/_next/") ? 200 : 404;
    res.end("page");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const linesFor = (id: string) =>
  t.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "http.request" && l.requestId === id);

describe("web requests", () => {
  it("get a request id, passed on to the page and sent back, and one log line with the route, not the ids", async () => {
    const guid = t.world.employees[0]!.guid;
    const res = await fetch(`${url}/console/employees/${guid}?tab=history`);
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenIds.at(-1)).toBe(id);
    expect(linesFor(id)).toEqual([
      expect.objectContaining({ level: "info", method: "GET", route: "/console/employees/{guid}", family: "web", status: 200 }),
    ]);
    expect(t.logLines.join("\n")).not.toContain(guid);
  });

  it("keep a sane caller's request id; assets are logged at debug", async () => {
    await fetch(`${url}/console`, { headers: { "x-request-id": "lb-7f3a" } });
    expect(linesFor("lb-7f3a")).toEqual([expect.objectContaining({ level: "info", route: "/console" })]);
    const res = await fetch(`${url}/_next/static/chunks/app.js`);
    expect(linesFor(res.headers.get("x-request-id")!)).toEqual([expect.objectContaining({ level: "debug", route: "/_next/{asset}" })]);
  });

  it("are counted under a closed set of routes: answered pages by path, assets pooled, the rest as (other)", async () => {
    for (let i = 0; i < 3; i++) await fetch(`${url}/random-${i}-${t.world.org.guid}`);
    const text = await t.services.metrics.registry.metrics();
    expect(text).toContain('latchkey_http_requests_total{family="web",route="/console/employees/{guid}",method="GET",status="200"} 1');
    expect(text).toContain('latchkey_http_requests_total{family="web",route="/_next/{asset}",method="GET",status="200"} 1');
    expect(text).toContain('latchkey_http_requests_total{family="web",route="(other)",method="GET",status="404"} 3');
    expect(text).not.toContain("random-");
  });

  it("route: ids and numbers become placeholders", () => {
    expect(webRoute("/console/workplaces/0b9e8f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b/codes/42")).toBe("/console/workplaces/{guid}/codes/{id}");
    expect(webRoute("/")).toBe("/");
  });
});
