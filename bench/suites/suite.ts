// What a suite gets and gives back: tables for BENCHMARKS.md and goals judged against numbers.
import type { BenchArgs } from "../lib/args";

interface SuiteContext {
  args: BenchArgs;
  /** A temp directory for databases and server logs, removed at the end. */
  workDir: string;
  log(message: string): void;
}

export interface Goal {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

export interface SuiteReport {
  title: string;
  markdown: string;
  goals: Goal[];
}

export type Suite = (ctx: SuiteContext) => Promise<SuiteReport>;
