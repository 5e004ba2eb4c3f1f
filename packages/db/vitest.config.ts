import { defineConfig } from "vitest/config";

// Real databases: every test creates (and drops) a SQLite file or a PostgreSQL database and
// migrates it, and some load tens of thousands of rows, on a shared two-core machine.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
