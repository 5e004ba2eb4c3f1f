import { defineConfig } from "vitest/config";

// Browser tests drive the built app (next build first) in real Chromium, one file at a time.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
    // A page answers in its own time on a loaded machine (or a throttled CPU): expect.poll waits
    // as long as a locator's waitFor would, not vitest's default second.
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
