// A request whose path and body go out byte for byte, for the suites that send what fetch would
// not: un-normalized paths (`..`, `//`), declared lengths that do not match, chunked bodies.
import { request } from "node:http";

/** Requests to `server` (its url is read at each call: the server starts in a hook). */
export function rawRequests(server: { url: string }) {
  return (method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Response> => {
    const u = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
      });
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  };
}
