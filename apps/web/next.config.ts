import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@latchkey/api", "@latchkey/db"],
  // Native modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
