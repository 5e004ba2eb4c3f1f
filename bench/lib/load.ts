// One bounded HTTP load run with autocannon. Latencies are taken from autocannon's per-response
// event in fractional milliseconds (its own histogram keeps whole milliseconds only).
import autocannon from "autocannon";
import { runOpenLoad } from "./openLoad";
import { percentile } from "./stats";

export interface LoadSpec {
  url: string;
  method: "GET" | "POST" | "PATCH";
  /** Called for every request: returns its path, headers and body. */
  request: (n: number) => { path: string; body?: string; headers?: Record<string, string> };
  connections: number;
  durationS: number;
  /** Open-loop rate for the whole run (requests per second, lib/openLoad.ts); closed loop (autocannon) when absent. */
  rate?: number;
}

export interface LoadResult {
  /** 2xx responses per second. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  errors: number;
  /** The first non-2xx status seen, to say what went wrong. */
  firstFailure: number | null;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.rate) return runOpenLoad({ ...spec, rate: spec.rate });
  const latencies: number[] = [];
  let n = 0;
  let firstFailure: number | null = null;
  let done!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationS,
    timeout: 30,
    requests: [
      {
        method: spec.method,
        setupRequest: (req) => {
          const r = spec.request(n++);
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
  };
}
