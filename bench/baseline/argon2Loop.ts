// The hash-bound ceiling: argon2id (m=19456, t=2, p=1, @node-rs/argon2, as Latchkey hashes)
// with CONCURRENCY hashes in flight for DURATION_MS, on libuv's threadpool (UV_THREADPOOL_SIZE
// is set by the parent, the same as the server's). Prints one JSON line.
import { hash } from "@node-rs/argon2";

const concurrency = Number(process.env["CONCURRENCY"] ?? 8);
const durationMs = Number(process.env["DURATION_MS"] ?? 5000);
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 as const };

const latencies: number[] = [];
let n = 0;
await hash("warm-up-password", options);
const cpu0 = process.cpuUsage();
const started = performance.now();
const deadline = started + durationMs;

async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    const t = performance.now();
    await hash(`Qz!${String(n++).padStart(10, "0")}#Wy`, options);
    latencies.push(performance.now() - t);
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
const cpuPerOp = (cpu.user + cpu.system) / 1000 / latencies.length;
process.stdout.write(`${JSON.stringify({ rps: latencies.length / elapsed, p50: at(50), p99: at(99), ops: latencies.length, cpuPerOp })}\n`);
