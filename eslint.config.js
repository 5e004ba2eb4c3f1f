import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/.turbo/**", "**/dist/**", "packages/db/drizzle/**", "**/next-env.d.ts", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", crypto: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off",
      // Reaching into tRPC internals breaks on upgrades: use the public API.
      "no-restricted-imports": ["error", { patterns: ["@trpc/server/unstable-core-do-not-import*"] }],
    },
  },
  {
    // Every database call is a promise: one not awaited would let an operation answer before its
    // write, or lose its error. The type-aware check finds them.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
);
