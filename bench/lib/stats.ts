// Small numeric and formatting helpers: medians of rounds, percentiles of samples, markdown tables.

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile of raw samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank]!;
}

/** A number with a sensible precision for a table cell. */
export function fmt(n: number, digits?: number): string {
  if (!Number.isFinite(n)) return "n/a";
  if (digits !== undefined) return n.toFixed(digits);
  const a = Math.abs(n);
  if (a >= 100) return Math.round(n).toLocaleString("en-US");
  if (a >= 10) return n.toFixed(1);
  if (a >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

export const ms = (n: number) => `${fmt(n)} ms`;
export const ratio = (n: number) => fmt(n, 2);
export const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Stops a loop of measurements once it has enough samples or has used up its time. */
export async function sampleFor(
  maxSamples: number,
  budgetMs: number,
  once: () => unknown,
  minSamples = 5,
): Promise<{ samples: number[]; p50: number; p95: number; p99: number }> {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < maxSamples && (samples.length < minSamples || performance.now() - started < budgetMs)) {
    const t = performance.now();
    await once();
    samples.push(performance.now() - t);
    // Let the event loop turn between calls: a synchronous call then shows as a loop delay of
    // its own length (scale's stall column), not as one delay as long as the whole loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}
