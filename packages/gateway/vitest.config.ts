import { defineConfig } from "vitest/config";

// Every file opens a real database (a PostgreSQL one is created and migrated per file) and the
// suites share two cores with other suites: hooks and tests get more than vitest's few seconds.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
