import { defineConfig } from "vitest/config";

// Each test runs the CLI as a real subprocess (tsx start-up plus argon2), so allow for it.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
