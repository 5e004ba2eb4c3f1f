// What the db suites share: rows with every required column, a scratch database that is dropped
// when the test ends, and raw access for the setup the Database interface rightly does not offer
// (faking a newer migration, terminating a backend).
import { randomUUID } from "node:crypto";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, onTestFinished } from "vitest";
import { openDatabase, type Database, type Dialect, type OpenOptions, type PostgresDatabase, type SqliteDatabase } from "../src";
import { POSTGRES_MIGRATIONS } from "../src/postgres/migratePostgres";
import { SQLITE_MIGRATIONS } from "../src/sqlite/migrateSqlite";
import { createScratchDatabase, type ScratchDatabase } from "../src/testing";

/** Beyond 2^31 ms, so a timestamp squeezed through a 32-bit integer anywhere would show. */
export const NOW = 1_800_000_000_000;
export const DAY = 86_400_000;

export function orgRow(alias: string) {
  return { guid: randomUUID(), alias, name: `Org ${alias}`, createdAt: NOW, updatedAt: NOW };
}

export function employeeRow(orgGuid: string, displayName: string, more: { email?: string; username?: string; phone?: string } = {}) {
  return { guid: randomUUID(), orgGuid, displayName, searchText: displayName.toLowerCase(), createdAt: NOW, updatedAt: NOW, ...more };
}

export interface Opened {
  scratch: ScratchDatabase;
  d: Database;
}

/** A fresh, migrated database of `dialect`, closed and dropped when the current test finishes. */
export async function openScratch(dialect: Dialect, label: string, options: OpenOptions = {}): Promise<Opened> {
  const scratch = await createScratchDatabase(dialect, label);
  const d = await openDatabase(scratch.url, options);
  onTestFinished(async () => {
    await d.close().catch(() => {}); // the test may have closed it already
    await scratch.drop();
  });
  return { scratch, d };
}

/** Statements outside any transaction, as an operator or an older/newer version would run them. */
export async function execRaw(d: Database, text: string): Promise<void> {
  if (d.dialect === "sqlite") (d as SqliteDatabase).writer.exec(text);
  else await (d as PostgresDatabase).pool.query(text);
}

/** The error `promise` rejects with; fails the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the operation to fail, but it succeeded");
}

/** Resolves when `check` holds, polling the state it reads (never a fixed sleep). */
export async function until(check: () => Promise<boolean> | boolean, what: string, attempts = 500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A copy of `dialect`'s migrations folder that stops before `tag`: an installation not yet upgraded. */
export function migrationsBefore(dir: string, dialect: Dialect, tag: string): string {
  const folder = join(dir, `before-${tag}`);
  cpSync(dialect === "sqlite" ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}
