// The short crash-safety run: three kill -9s of the real server process under mixed write load, then
// every invariant of bench/crash/crashInvariants.ts, on the suite's database (SQLite, or a scratch
// PostgreSQL database with LATCHKEY_TEST_DATABASE=postgres); `pnpm crash-safety` runs 20.
import { describe, expect, it } from "vitest";
import { testDialect } from "@latchkey/db/testing";
import { runCrashSafety } from "../../../bench/crash/crashSafety";

describe("crash safety", () => {
  it("acknowledged changes survive kill -9 with their audit events and outbox rows; nothing is half applied", async () => {
    const report = await runCrashSafety({ rounds: 3, workers: 4, seed: 20261123, database: testDialect() });
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toBeGreaterThan(0);
  }, 120_000);
});
