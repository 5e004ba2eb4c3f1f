// Summarizes V8 .cpuprofile files (node --cpu-prof): self time by function and by package, so a
// profile can be read in a table without DevTools (`pnpm bench --profile` prints them).
import { readFileSync } from "node:fs";
import { fmt, table } from "./stats";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package name, our workspace package, node internals or V8. */
function owner(url: string): string {
  if (!url) return "(native / V8)";
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1]!;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const ws = /\/(packages|apps|bench)\/([^/]+)\//.exec(url);
  if (ws) return `@latchkey/${ws[2]}`;
  if (url.startsWith("node:")) return "node internals";
  return url;
}

export function summarize(path: string, top = 25): string {
  const p = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const short = f.url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|packages\/|apps\/)/, "");
    const key = `${f.functionName || "(anonymous)"} ${short}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const o = owner(f.url);
    pkgs.set(o, (pkgs.get(o) ?? 0) + us);
  }
  const pct = (us: number) => `${fmt((100 * us) / total, 1)}%`;
  const rows = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k.replace(/\|/g, "\\|"), pct(us)]);
  return [
    `${path}: ${fmt(total / 1000)} ms sampled`,
    "",
    table(["package", "self"], rows(pkgs)),
    "",
    table(["function", "self"], rows(fns)),
  ].join("\n");
}
