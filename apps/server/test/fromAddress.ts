// Requests from a chosen source address. Linux routes all of 127.0.0.0/8 to the loopback device,
// so binding the client socket to 127.0.0.2, 127.0.0.3, … gives one test several real peers.
import { request, type ClientRequest } from "node:http";

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function fromAddress(
  localAddress: string,
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | object } = {},
): Promise<Answer> {
  const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...opts.headers };
  return answerOf(
    request(url, { method: opts.method ?? (body === undefined ? "GET" : "POST"), headers, localAddress, agent: false }),
    body,
  );
}

/** Sends a prepared request (http or https) with `body` and reads its whole answer. */
export function answerOf(req: ClientRequest, body: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
