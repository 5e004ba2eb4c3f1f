// Benchmark data: a fresh database seeded by the real CLI (`latchkey demo seed --json`), so the
// fixtures are exactly what an operator gets. Copies give each server its own file.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DemoSeed } from "@latchkey/cli";
import { BENCH_SECRET, runTs } from "./proc";

export function workDir(): string {
  return mkdtempSync(join(tmpdir(), "latchkey-bench-"));
}

export async function seedDemo(dbPath: string, extra: string[] = []): Promise<DemoSeed> {
  const out = await runTs("packages/cli/src/main.ts", ["demo", "seed", "--json", ...extra], {
    DATABASE_URL: `file:${dbPath}`,
    LATCHKEY_SECRET: BENCH_SECRET,
    LATCHKEY_LOG_LEVEL: "warn",
  });
  return JSON.parse(out) as DemoSeed;
}

/** Copies a SQLite file with its WAL (the source must be closed or checkpointed). */
export function copyDb(from: string, to: string): string {
  mkdirSync(join(to, ".."), { recursive: true });
  copyFileSync(from, to);
  for (const ext of ["-wal", "-shm"]) if (existsSync(from + ext)) copyFileSync(from + ext, to + ext);
  return to;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
