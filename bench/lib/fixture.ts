// Benchmark data: a fresh database seeded by the real CLI (`latchkey demo seed --json`), so the
// fixtures are exactly what an operator gets. Copies give each server its own file.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DemoSeed } from "@latchkey/cli";
import { createScratchDatabase } from "@latchkey/db/testing";
import { BENCH_SECRET, runTs } from "./proc";

export function workDir(): string {
  return mkdtempSync(join(tmpdir(), "latchkey-bench-"));
}

/** A SQLite file path, or a `postgres://` URL, as DATABASE_URL wants it. */
export const databaseUrl = (pathOrUrl: string) => (/^(postgres(ql)?|file):/.test(pathOrUrl) ? pathOrUrl : `file:${pathOrUrl}`);

/** `root`: another checkout's CLI (`--compare`), whose schema version may differ from this one's. */
export async function seedDemo(dbPathOrUrl: string, extra: string[] = [], root?: string): Promise<DemoSeed> {
  const out = await runTs("packages/cli/src/main.ts", ["demo", "seed", "--json", ...extra], root, {
    DATABASE_URL: databaseUrl(dbPathOrUrl),
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

/** A scratch PostgreSQL database (created now, dropped by `drop`) on the local server the tests use. */
export async function scratchPostgres(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const db = await createScratchDatabase("postgres", `bench_${label}`);
  return { url: db.url, drop: () => db.drop() };
}
