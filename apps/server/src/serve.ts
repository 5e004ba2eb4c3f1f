// The start both entries share (main.ts for `npm start`, dev.ts for `pnpm dev`): validate
// settings, open and migrate the database, make sure an instance admin exists, then serve the
// web app and the APIs on PORT until SIGINT or SIGTERM.
import { ConfigError, createServices, ensureInstanceAdmin, loadConfig, startDeliveryWorker, type Services } from "@latchkey/api";
import { isConnectionFailure, lockSqliteForServer, redactedUrl, sqlitePathOf } from "@latchkey/db";
import { startServer } from "./server";

export interface ServeOptions {
  /** Next.js in development mode (compiles on request, hot reload) instead of the built app. */
  dev?: boolean;
  /** Runs once the server answers, before `server.ready` is logged. */
  afterStart?: (services: Services) => Promise<void>;
}

/** The channels whose codes would go only to the console's developer mailbox. */
function mailboxOnly(config: { LATCHKEY_EMAIL_PROVIDER: string; LATCHKEY_SMS_PROVIDER: string }): string[] {
  return [...(config.LATCHKEY_EMAIL_PROVIDER === "log" ? ["email"] : []), ...(config.LATCHKEY_SMS_PROVIDER === "log" ? ["sms"] : [])];
}

async function serve(opts: ServeOptions = {}): Promise<void> {
  // Read before Next is loaded, which sets NODE_ENV itself: scripts/serve.sh says production.
  const production = process.env.NODE_ENV === "production";
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }
  // One server per SQLite file (several instances need PostgreSQL): a second one stops here,
  // before it migrates or writes anything, with one line (DatabaseInUseError).
  const sqlitePath = sqlitePathOf(config.DATABASE_URL);
  if (sqlitePath !== null) lockSqliteForServer(sqlitePath);
  let services: Services;
  try {
    services = await createServices(config, { groupCommit: true });
  } catch (err) {
    // One line, no stack: the operator fixes DATABASE_URL or starts the database.
    const message = (err as Error)?.message ?? String(err);
    const where = sqlitePathOf(config.DATABASE_URL) ?? redactedUrl(config.DATABASE_URL);
    process.stderr.write(
      `Latchkey failed to start: ${isConnectionFailure(err) ? `cannot reach the database at ${where}: ${message}` : message}\n`,
    );
    process.exit(1);
  }
  for (const warning of config.warnings) services.log.warn("config.warning", { warning });
  const undelivered = mailboxOnly(config);
  if (production && undelivered.length)
    services.log.warn("delivery.log_provider", {
      channels: undelivered,
      warning: `${undelivered.join(" and ")} codes are not delivered anywhere: they wait in the console's developer mailbox (set LATCHKEY_EMAIL_PROVIDER=smtp, LATCHKEY_SMS_PROVIDER=webhook, or none)`,
    });
  const admin = await ensureInstanceAdmin(services, {
    ...(config.LATCHKEY_ADMIN_EMAIL ? { email: config.LATCHKEY_ADMIN_EMAIL } : {}),
    ...(config.LATCHKEY_ADMIN_PASSWORD ? { password: config.LATCHKEY_ADMIN_PASSWORD } : {}),
  });
  const running = await startServer({
    services,
    port: config.PORT,
    host: config.HOST,
    web: config.LATCHKEY_WEB,
    dev: opts.dev ?? false,
  });
  const stopDelivery = startDeliveryWorker(services);
  const url = config.publicUrl;
  if (admin.generatedPassword) {
    // Printed once, on the console of the operator who started the first run; never logged again.
    process.stdout.write(
      `\nFirst start: an instance admin was created.\n  Sign in at ${url}/sign-in\n  Email:    ${admin.email}\n  Password: ${admin.generatedPassword}\n  (shown once: sign in with it and choose your own; lost, \`pnpm latchkey admin recover\` replaces it)\n\n`,
    );
  }
  await opts.afterStart?.(services);
  services.log.info("server.ready", { url, database: services.database.location });
  const stop = (signal: string) => {
    services.log.info("server.stopping", { signal });
    void Promise.all([running.close(), stopDelivery()])
      .then(() => services.database.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

/** For an entry file: runs serve() and turns a failed start into one line and exit status 1. */
export function serveOrExit(opts: ServeOptions = {}): void {
  serve(opts).catch((err: unknown) => {
    process.stderr.write(`Latchkey failed to start: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  });
}
