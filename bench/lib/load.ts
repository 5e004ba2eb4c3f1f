// One bounded HTTP load run with autocannon. Latencies are taken from autocannon's per-response
// event in fractional milliseconds (its own histogram keeps whole milliseconds only).
import autocannon from "autocannon";
import { runOpenLoad } from "./openLoad";
import type { LoadResult, LoadSpec } from "./loadSpec";
import { percentile } from "./stats";

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
