// What the numbers were measured on, printed above every run.
import { availableParallelism, cpus, freemem, loadavg, totalmem } from "node:os";

export function describeMachine(): string {
  const c = cpus();
  const gib = (n: number) => (n / 2 ** 30).toFixed(0);
  return [
    `${c.length} cores (${c[0]?.model.trim() ?? "unknown CPU"})`,
    `${gib(totalmem())} GiB RAM (${gib(freemem())} free)`,
    `Node ${process.version}`,
    `servers' UV_THREADPOOL_SIZE=${process.env["UV_THREADPOOL_SIZE"] ?? `${availableParallelism()} (cores, as pnpm start sets it)`}`,
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  ].join(", ");
}

/** A busy machine makes every number below meaningless: say so next to them. */
export function loadWarning(): string | null {
  const [one] = loadavg();
  return one !== undefined && one > 0.5
    ? `> **Warning:** 1-minute load average was ${one.toFixed(2)} at the start: other work was running.`
    : null;
}
