// `pnpm dev` (scripts/dev.sh) runs this under `tsx watch`, which restarts the process when a file
// it imports changes (the APIs, the core, the database layer); the web app runs in Next's
// development mode, which compiles pages on request and pushes changes to the open browser. The
// database is its own (./data-dev, not the ./data of `npm start`) and gets the demo seed on its
// first start, written to demo-seed.json beside it for the people's passwords and the tokens.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createCaller, createSystemContext, type Services } from "@latchkey/api";
import { seedDemo } from "@latchkey/cli";
import { sqlitePathOf } from "@latchkey/db";
import { serveOrExit } from "./serve";

/** A fixed instance admin, so a fresh dev database needs no password copied from the console. */
const DEV_ADMIN = { email: "admin@latchkey.local", password: "Dev-Console-Lantern-2048" };

// The environment wins over .env, so these hold even where a copied .env.example names ./data.
process.env.DATABASE_URL ??= "file:./data-dev/latchkey.db";
process.env.LATCHKEY_ADMIN_EMAIL ??= DEV_ADMIN.email;
process.env.LATCHKEY_ADMIN_PASSWORD ??= DEV_ADMIN.password;

async function seedWhenEmpty(services: Services): Promise<void> {
  const system = createCaller(createSystemContext(services));
  const { items } = await system.organizations.list({ limit: 1 });
  if (items.length > 0) return;
  const seed = await seedDemo(services);
  // Beside the SQLite file; with a PostgreSQL DATABASE_URL, in the working directory.
  const path = sqlitePathOf(services.config.DATABASE_URL);
  const file = path ? join(dirname(path), "demo-seed.json") : "demo-seed.json";
  // Passwords and tokens: readable by the developer only, like latchkey.secret.
  writeFileSync(file, `${JSON.stringify(seed, null, 2)}\n`, { mode: 0o600 });
  process.stdout.write(
    `\nDevelopment database seeded with demo data (people, passwords, tokens): ${file}\n` +
      `  Instance admin: ${process.env.LATCHKEY_ADMIN_EMAIL} / ${process.env.LATCHKEY_ADMIN_PASSWORD}\n` +
      `  Owner of ${seed.org.name}: ${seed.owner.email} / ${seed.owner.password}\n\n`,
  );
}

serveOrExit({ dev: true, afterStart: seedWhenEmpty });
