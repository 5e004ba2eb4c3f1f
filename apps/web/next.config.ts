import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@latchkey/api", "@latchkey/db"],
  // Native modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "nodemailer"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The reference moved under /docs; old links keep working.
  async redirects() {
    return [{ source: "/api-docs", destination: "/docs/api", permanent: true }];
  },
  // The Content-Security-Policy (with a per-request nonce) is set in proxy.ts.
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    // Codes are typed on these pages: never leak the page address anywhere.
    const noReferrer = [{ key: "Referrer-Policy", value: "no-referrer" }];
    return [
      { source: "/:path*", headers: common },
      { source: "/reset", headers: noReferrer },
      { source: "/activate", headers: noReferrer },
    ];
  },
};

export default config;
