// The long-lived dependencies of every procedure. Tests build their own with a temp-file
// database, a ManualClock and a seeded Random; the server builds one at start.
import { migrate, openDatabase, type Database_, type Db } from "@latchkey/db";
import type { AppConfig } from "./config";
import { systemClock, type Clock } from "./lib/clock";
import { pendingOutbox } from "./lib/delivery/pendingOutbox";
import { createLogger, type Logger } from "./lib/logger";
import { createMetrics, type Metrics } from "./lib/metrics";
import { DEFAULT_HASH_PARAMS, type HashParams } from "./lib/passwords";
import { cryptoRandom, type Random } from "./lib/random";

export interface Services {
  db: Db;
  database: Database_;
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
  database?: Database_;
  /**
   * Share one COMMIT among the transactions of an event-loop turn (the server; see @latchkey/db
   * groupCommit). Applies to the database createServices opens, not to a `database` passed in.
   */
  groupCommit?: boolean;
}

export function createServices(config: AppConfig, overrides: ServiceOverrides = {}): Services {
  const clock = overrides.clock ?? systemClock;
  // The outbox gauges read the database at scrape time, through the services built below.
  const metrics = createMetrics({ pendingOutbox: () => pendingOutbox(services.db), now: () => clock.now() });
  const database =
    overrides.database ??
    openDatabase(config.DATABASE_URL, { groupCommit: overrides.groupCommit ?? false, groupCommitObserver: metrics.groupCommit });
  try {
    migrate(database.db);
  } catch (err) {
    if (!overrides.database) database.close();
    throw err;
  }
  const services: Services = {
    db: database.db,
    database,
    config,
    clock,
    random: overrides.random ?? cryptoRandom,
    secret: config.secret,
    hashParams:
      config.LATCHKEY_HASH_MEMORY_KIB === DEFAULT_HASH_PARAMS.memoryCost && config.LATCHKEY_HASH_ITERATIONS === DEFAULT_HASH_PARAMS.timeCost
        ? DEFAULT_HASH_PARAMS
        : { memoryCost: config.LATCHKEY_HASH_MEMORY_KIB, timeCost: config.LATCHKEY_HASH_ITERATIONS, parallelism: 1 },
    log: overrides.log ?? createLogger(config.LATCHKEY_LOG_LEVEL),
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
