// The long-lived dependencies of every procedure. Tests build their own with a temp-file
// database, a ManualClock and a seeded Random; the server builds one at start.
import { openDatabase, type Database } from "@latchkey/db";
import type { AppConfig } from "./config";
import { systemClock, type Clock } from "./lib/clock";
import { pendingOutbox } from "./lib/delivery/pendingOutbox";
import { createLogger, type Logger } from "./lib/logger";
import { createMetrics, type Metrics } from "./lib/metrics";
import { DEFAULT_HASH_PARAMS, type HashParams } from "./lib/passwords";
import { cryptoRandom, type Random } from "./lib/random";

export interface Services {
  /** Reads with `database.db`, writes with `database.transaction`; tables on `database.tables`. */
  database: Database;
  config: AppConfig;
  clock: Clock;
  random: Random;
  /** Key for the HMACs of codes, session secrets and token secrets. */
  secret: Buffer;
  hashParams: HashParams;
  log: Logger;
  /** Prometheus metrics, served at /metrics when LATCHKEY_METRICS_TOKEN is set. */
  metrics: Metrics;
}

export interface ServiceOverrides {
  clock?: Clock;
  random?: Random;
  log?: Logger;
  database?: Database;
  /**
   * Share one COMMIT among the transactions of an event-loop turn (the server; see @latchkey/db
   * sqliteWriter.ts). Applies to the database createServices opens, not to a `database` passed in.
   */
  groupCommit?: boolean;
}

/** Opens (and migrates) the configured database; the server, the CLI and tests start here. */
export async function createServices(config: AppConfig, overrides: ServiceOverrides = {}): Promise<Services> {
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? createLogger(config.LATCHKEY_LOG_LEVEL);
  // The outbox gauges read the database at scrape time, through the services built below.
  const metrics = createMetrics({ pendingOutbox: () => pendingOutbox(services.database.db), now: () => clock.now() });
  const database =
    overrides.database ??
    (await openDatabase(config.DATABASE_URL, {
      groupCommit: overrides.groupCommit ?? false,
      groupCommitObserver: metrics.groupCommit,
      poolSize: config.LATCHKEY_DB_POOL_SIZE,
      // The pool replaces the connection; the next query that needs one finds out if the server is gone.
      onPoolError: (err) => log.warn("database: a pooled connection failed", { error: (err as { code?: string }).code ?? err.message }),
    }));
  const services: Services = {
    database,
    config,
    clock,
    random: overrides.random ?? cryptoRandom,
    secret: config.secret,
    hashParams:
      config.LATCHKEY_HASH_MEMORY_KIB === DEFAULT_HASH_PARAMS.memoryCost && config.LATCHKEY_HASH_ITERATIONS === DEFAULT_HASH_PARAMS.timeCost
        ? DEFAULT_HASH_PARAMS
        : { memoryCost: config.LATCHKEY_HASH_MEMORY_KIB, timeCost: config.LATCHKEY_HASH_ITERATIONS, parallelism: 1 },
    log,
    metrics,
  };
  return services;
}

// Next's server bundle and the lean API handler run in one process but load separate copies
// of this package; the server registers its Services here so both share one database handle.
const KEY = Symbol.for("latchkey.services");
type Holder = { [KEY]?: Services };

export function registerServices(services: Services): void {
  (globalThis as Holder)[KEY] = services;
}

export function getServices(): Services {
  const s = (globalThis as Holder)[KEY];
  if (!s) throw new Error("Latchkey services are not registered: start the app through the Latchkey server");
  return s;
}
