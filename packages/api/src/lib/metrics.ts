// Prometheus metrics (prom-client), one registry per Services. Labels are closed sets only: route
// patterns, procedure names, families, methods, statuses, domain codes, channels. Never an id, a
// login, a code or a raw path, which would both leak and let callers mint unbounded series.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { GroupCommitObserver } from "@latchkey/db";
import { argon2Watch } from "./passwords";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface RequestObservation {
  /** "trpc", "web", "ops", or a REST family (lifePos, f5, expenses, zitadel). */
  family: string;
  /** The route pattern, e.g. "/orgs/{org_guid}/employees/{employee_guid}:reset-password". */
  route: string;
  method: string;
  status: number;
  seconds: number;
}

export interface PendingOutbox {
  channel: string;
  count: number;
  /** created_at (ms) of the oldest pending message. */
  oldest: number | null;
}

export interface Metrics {
  registry: Registry;
  request(o: RequestObservation): void;
  /** A procedure call ended: "ok" or its domain code. */
  operation(procedure: string, outcome: string): void;
  /** An outbox message was handed to a provider: sent, retry (later) or failed (given up). */
  delivery(channel: string, outcome: "sent" | "retry" | "failed"): void;
  groupCommit: GroupCommitObserver;
  /**
   * Watches what belongs to the whole process: CPU, memory, event-loop lag, argon2 hash times.
   * Only the process that serves /metrics turns it on (an event-loop monitor costs a little).
   */
  watchProcess(): void;
}

export function createMetrics(opts: { pendingOutbox: () => Promise<PendingOutbox[]>; now: () => number }): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: "latchkey_http_requests_total",
    help: "HTTP requests answered, by family, route pattern, method and status.",
    labelNames: ["family", "route", "method", "status"] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: "latchkey_http_request_duration_seconds",
    help: "Time from receiving a request to its answer, by family, route pattern and method.",
    labelNames: ["family", "route", "method"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const operations = new Counter({
    name: "latchkey_operations_total",
    help: 'Procedure calls from every surface, by procedure and outcome ("ok" or the domain error code).',
    labelNames: ["procedure", "outcome"] as const,
    registers,
  });
  const deliveries = new Counter({
    name: "latchkey_deliveries_total",
    help: "Outbox delivery attempts by channel and outcome: sent, retry (failed, tried again later), failed (given up).",
    labelNames: ["channel", "outcome"] as const,
    registers,
  });
  const groupSize = new Histogram({
    name: "latchkey_group_commit_transactions",
    help: "Transactions that shared one COMMIT (one fsync).",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers,
  });
  const groupSeconds = new Histogram({
    name: "latchkey_group_commit_duration_seconds",
    help: "Time of one group's COMMIT, fsync included (the event loop waits for it).",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  const groupFailures = new Counter({
    name: "latchkey_group_commit_failures_total",
    help: "Groups whose COMMIT failed (every operation in them was told so and changed nothing).",
    registers,
  });
  new Gauge({
    name: "latchkey_argon2_queue_depth",
    help: "argon2 hashes and verifications submitted and not finished (running plus waiting for a libuv thread).",
    registers,
    collect() {
      this.set(argon2Watch().inFlight);
    },
  });
  const argon2Seconds = new Histogram({
    name: "latchkey_argon2_duration_seconds",
    help: "Wall time of one argon2 hash or verification, waiting for a thread included.",
    labelNames: ["op"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
    registers,
  });
  const oldest = new Gauge({
    name: "latchkey_outbox_oldest_pending_seconds",
    help: "Age of the oldest message waiting to be delivered (0 when none waits).",
    registers: [],
  });
  new Gauge({
    name: "latchkey_outbox_backlog",
    help: "Messages waiting to be delivered (new or to be retried), by channel.",
    labelNames: ["channel"] as const,
    registers,
    // At scrape time, one query for both gauges (the next one registered reads what this sets).
    async collect() {
      this.reset();
      for (const channel of ["email", "sms"]) this.set({ channel }, 0);
      let first: number | null = null;
      for (const r of await opts.pendingOutbox()) {
        this.set({ channel: r.channel }, r.count);
        if (r.oldest !== null && (first === null || r.oldest < first)) first = r.oldest;
      }
      oldest.set(first === null ? 0 : Math.max(0, (opts.now() - first) / 1000));
    },
  });
  registry.registerMetric(oldest);
  let watching = false;
  return {
    registry,
    request(o) {
      const method = METHODS.has(o.method) ? o.method : "other";
      requests.inc({ family: o.family, route: o.route, method, status: String(o.status) });
      requestSeconds.observe({ family: o.family, route: o.route, method }, o.seconds);
    },
    operation: (procedure, outcome) => operations.inc({ procedure, outcome }),
    delivery: (channel, outcome) => deliveries.inc({ channel, outcome }),
    groupCommit: {
      committed(transactions, seconds) {
        groupSize.observe(transactions);
        groupSeconds.observe(seconds);
      },
      failed: () => groupFailures.inc(),
    },
    watchProcess() {
      if (watching) return;
      watching = true;
      collectDefaultMetrics({ register: registry });
      // argon2 runs on the process's one threadpool: the newest process-watching registry hears it.
      argon2Watch().observe = (op, seconds) => argon2Seconds.observe({ op }, seconds);
    },
  };
}
