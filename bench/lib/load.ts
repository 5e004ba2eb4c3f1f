// One bounded HTTP load run with autocannon. Latencies are taken from autocannon's per-response
// event in fractional milliseconds (its own histogram keeps whole milliseconds only).
import autocannon from "autocannon";
import { runOpenLoad } from "./openLoad";
import type { LoadResult, LoadSpec } from "./loadSpec";
import { percentile } from "./stats";

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.rate) return runOpenLoad({ ...spec, rate: spec.rate });
  if (typeof spec.url === "string") return closedLoop(spec.url, spec, spec.connections, { n: 0 });
  // Several servers (a load balancer's round-robin): one autocannon per server, running
  // together, the connections split evenly, one request counter for all.
  const urls = spec.url;
  const counter = { n: 0 };
  const parts = await Promise.all(
    urls.map((u, i) =>
      closedLoop(u, spec, Math.floor(spec.connections / urls.length) + (i < spec.connections % urls.length ? 1 : 0), counter),
    ),
  );
  const latencies = parts.flatMap((p) => p.latencies);
  return {
    rps: parts.reduce((a, p) => a + p.rps, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: parts.reduce((a, p) => a + p.ok, 0),
    failed: parts.reduce((a, p) => a + p.failed, 0),
    errors: parts.reduce((a, p) => a + p.errors, 0),
    firstFailure: parts.find((p) => p.firstFailure !== null)?.firstFailure ?? null,
  };
}

async function closedLoop(
  url: string,
  spec: LoadSpec,
  connections: number,
  counter: { n: number },
): Promise<LoadResult & { latencies: number[] }> {
  const latencies: number[] = [];
  let firstFailure: number | null = null;
  let done!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  const options: autocannon.Options = {
    url,
    connections,
    duration: spec.durationS,
    timeout: 30,
    requests: [
      {
        method: spec.method,
        setupRequest: (req) => {
          const r = spec.request(counter.n++);
          return {
            ...req,
            method: spec.method,
            path: r.path,
            headers: { "content-type": "application/json", ...r.headers },
            ...(r.body !== undefined ? { body: r.body } : {}),
          };
        },
      },
    ],
  };
  const instance = autocannon(options, (err, result) => (err ? fail(err) : done(result)));
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status < 300) latencies.push(responseTime);
    else firstFailure ??= status;
  });
  const result = await finished;
  const ok = result["2xx"];
  return {
    rps: ok / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok,
    failed: result.non2xx,
    errors: result.errors,
    firstFailure,
    latencies,
  };
}
