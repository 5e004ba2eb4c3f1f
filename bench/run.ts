// `pnpm bench`: runs the benchmark suites and prints markdown tables (paste into BENCHMARKS.md).
// Timings never go into tests; this is where they live. See BENCHMARKS.md for how to read them.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./lib/args";
import { removeDir, workDir } from "./lib/fixture";
import { describeMachine, loadWarning } from "./lib/machine";
import { summarize } from "./lib/profile";
import { table, verdict } from "./lib/stats";
import { activationCodeSuite } from "./suites/activationCode";
import { scaleSuite } from "./suites/scale";
import { setPasswordSuite } from "./suites/setPassword";
import { signInSuite } from "./suites/signIn";
import type { Goal, Suite, SuiteReport } from "./suites/suite";
import { webSuite } from "./suites/web";

const SUITES: Record<string, { suite: Suite; byDefault: boolean }> = {
  "set-password": { suite: setPasswordSuite, byDefault: true },
  activation: { suite: activationCodeSuite, byDefault: true },
  web: { suite: webSuite, byDefault: true },
  scale: { suite: scaleSuite, byDefault: false },
  "sign-in": { suite: signInSuite, byDefault: false },
};

const args = parseArgs(process.argv.slice(2));
const names = args.only ?? Object.keys(SUITES).filter((n) => SUITES[n]!.byDefault || (n === "scale" && args.scale));
for (const n of names) if (!SUITES[n]) throw new Error(`unknown suite ${n} (have ${Object.keys(SUITES).join(", ")})`);

const dir = workDir();
const log = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const out: string[] = [`Machine: ${describeMachine()}`, `Date: ${new Date().toISOString()}`];
const warning = loadWarning();
if (warning) out.push("", warning);
if (args.quick) out.push("", "> `--quick`: 1 s runs, one round; a smoke test, not a measurement.");
const reports: SuiteReport[] = [];
try {
  for (const n of names) {
    const report = await SUITES[n]!.suite({ args, workDir: dir, log });
    reports.push(report);
    out.push("", `### ${report.title}`, "", report.markdown);
    process.stderr.write(`\n### ${report.title}\n\n${report.markdown}\n\n`);
  }
} finally {
  if (args.profile) {
    // The servers write their profiles when they exit (SIGTERM -> process.exit).
    // PostgreSQL deployments write theirs in a folder each (postgres-<n>): the path names the server.
    const profiles = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".cpuprofile"));
    for (const f of profiles) process.stderr.write(`\n${summarize(join(dir, f))}\n`);
    log(`CPU profiles kept in ${dir}`);
  } else removeDir(dir);
}
const goals: Goal[] = reports.flatMap((r) => r.goals);
out.push(
  "",
  "### Goals",
  "",
  table(
    ["goal", "target", "measured", "verdict"],
    goals.map((g) => [g.name, g.target, g.value, verdict(g.met)]),
  ),
);
const text = `${out.join("\n")}\n`;
process.stdout.write(text);
if (args.out) writeFileSync(args.out, text);
