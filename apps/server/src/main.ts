// `npm start` ends here: validate settings, open and migrate the database, make sure an
// instance admin exists, then serve the web app and the APIs on PORT.
import { ConfigError, createServices, ensureInstanceAdmin, loadConfig, startDeliveryWorker } from "@latchkey/api";
import { isConnectionFailure, redactedUrl } from "@latchkey/db";
import { startServer } from "./server";

async function main(): Promise<void> {
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
  let services;
  try {
    services = await createServices(config, { groupCommit: true });
  } catch (err) {
    // One line, no stack: the operator fixes DATABASE_URL or starts the database.
    const message = (err as Error)?.message ?? String(err);
    const where = isPostgresUrl(config.DATABASE_URL) ? redactedUrl(config.DATABASE_URL) : config.DATABASE_URL;
    process.stderr.write(`Latchkey failed to start: ${isConnectionFailure(err) ? `cannot reach the database at ${where}: ${message}` : message}\n`);
    process.exit(1);
  }
  for (const warning of config.warnings) services.log.warn("config.warning", { warning });
  const admin = await ensureInstanceAdmin(services, {
    ...(config.LATCHKEY_ADMIN_EMAIL ? { email: config.LATCHKEY_ADMIN_EMAIL } : {}),
    ...(config.LATCHKEY_ADMIN_PASSWORD ? { password: config.LATCHKEY_ADMIN_PASSWORD } : {}),
  });
  const running = await startServer({ services, port: config.PORT, host: config.HOST, web: config.LATCHKEY_WEB });
  const stopDelivery = startDeliveryWorker(services);
  const url = config.publicUrl;
  if (admin.generatedPassword) {
    // Printed once, on the console of the operator who started the first run; never logged again.
    process.stdout.write(
      `\nFirst start: an instance admin was created.\n  Sign in at ${url}/sign-in\n  Email:    ${admin.email}\n  Password: ${admin.generatedPassword}\n  (shown once; run \`pnpm latchkey admin recover\` to replace it)\n\n`,
    );
  }
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

const isPostgresUrl = (url: string) => /^postgres(ql)?:/i.test(url);

main().catch((err: unknown) => {
  process.stderr.write(`Latchkey failed to start: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
});
