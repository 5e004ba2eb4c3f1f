// Open-loop load: requests are sent on a fixed schedule (evenly spaced at `rate` per second)
// over at most `connections` keep-alive sockets, whether or not earlier ones have answered.
// autocannon's own rate option is a per-second quota per connection: each second starts with a
// burst at full speed and then idles, so its latencies are those of a saturated server. Here a
// request's latency runs from the moment it was due, so time spent queued behind a busy server
// (or a busy socket pool) counts, as a user would see it (no coordinated omission).
import { Agent, request } from "node:http";
import { percentile } from "./stats";
import type { LoadResult, LoadSpec } from "./loadSpec";

export async function runOpenLoad(spec: LoadSpec & { rate: number }): Promise<LoadResult> {
  // Several servers: request n goes to server n mod count, each with its share of the sockets.
  const urls = typeof spec.url === "string" ? [spec.url] : spec.url;
  const bases = urls.map((u) => ({
    url: new URL(u),
    agent: new Agent({ keepAlive: true, maxSockets: Math.max(1, Math.round(spec.connections / urls.length)) }),
  }));
  const total = Math.max(1, Math.round(spec.rate * spec.durationS));
  const intervalMs = 1000 / spec.rate;
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let errors = 0;
  let firstFailure: number | null = null;
  let settled = 0;
  let sent = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => {
    if (++settled === total) finish();
  };

  const send = (n: number, dueAt: number) => {
    const r = spec.request(n);
    const { url: base, agent } = bases[n % bases.length]!;
    const body = r.body ?? "";
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: spec.method,
        path: r.path,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...r.headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            ok += 1;
            latencies.push(performance.now() - dueAt);
          } else {
            failed += 1;
            firstFailure ??= status;
          }
          settle();
        });
      },
    );
    req.on("error", () => {
      errors += 1;
      settle();
    });
    req.end(body);
  };

  const start = performance.now();
  // A 1 ms tick sends every request that has come due; timers cannot space them finer.
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
    while (sent < due) {
      send(sent, start + sent * intervalMs);
      sent += 1;
    }
    if (sent >= total) clearInterval(timer);
  }, 1);
  await done;
  const elapsedS = (performance.now() - start) / 1000;
  for (const b of bases) b.agent.destroy();
  return {
    rps: ok / elapsedS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok,
    failed,
    errors,
    firstFailure,
  };
}
