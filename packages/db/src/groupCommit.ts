// Group commit: the transactions one turn of the event loop runs share one COMMIT, so one fsync.
//
// better-sqlite3 is synchronous, so each `synchronous=FULL` commit blocks the event loop while
// the WAL is fsync'd: about 40% of the main thread's time when generating activation codes under
// load (BENCHMARKS.md). Here the first transaction of a turn opens BEGIN IMMEDIATE and schedules
// the COMMIT with setImmediate, after the turn's I/O callbacks; every transaction until then runs
// as a SAVEPOINT inside it (better-sqlite3 nests transactions that way by itself), so each one
// still commits or rolls back as a whole, and the group becomes durable together.
//
// The price is that "committed" now means "committed once the group is": callers that answer a
// request after a write must wait for `durable()`, taken right after their transaction, before
// they answer (lib/audited.ts does it for every credential operation). If the group's COMMIT
// fails, every operation in it is told so, and none of their writes exist.
import type Database from "better-sqlite3";

export interface GroupCommit {
  /**
   * Settles when what the connection has written so far is committed: at once when no group is
   * open (a write outside a group committed on its own, fsync'd unless it was made through
   * `writeWithoutFsync`), else with the open group's COMMIT (rejecting if it failed). Take it
   * right after the transaction whose durability you need: a later call may wait for a newer group.
   */
  durable(): Promise<void>;
  /** Commits the open group now (before closing the database). */
  flush(): void;
}

/**
 * Hears how each group ended (the server's metrics). The only way in from outside, so the group
 * commit can change behind it: how many top-level transactions shared the COMMIT, how long it took.
 */
export interface GroupCommitObserver {
  committed(transactions: number, seconds: number): void;
  failed(transactions: number): void;
}

type Waiter = [resolve: () => void, reject: (err: unknown) => void];

export const NO_GROUP_COMMIT: GroupCommit = { durable: () => Promise.resolve(), flush: () => {} };

export function groupCommits(sqlite: Database.Database, observer?: GroupCommitObserver): GroupCommit {
  let waiters: Waiter[] | null = null;
  // Top-level transactions in the open group (a nested one is a savepoint of its caller's).
  let transactions = 0;
  let depth = 0;
  const settle = (group: Waiter[], failure: unknown) => {
    for (const [resolve, reject] of group) {
      if (failure) reject(failure);
      else resolve();
    }
  };
  // SQLite rolls a whole transaction back on some errors (disk full, I/O): the group is gone.
  const lost = () => new Error("the database rolled back a group of transactions");

  const flush = () => {
    const group = waiters;
    if (!group) return;
    waiters = null;
    const size = transactions;
    transactions = 0;
    let failure: unknown = null;
    if (!sqlite.inTransaction) {
      failure = lost();
    } else {
      try {
        const started = performance.now();
        sqlite.exec("COMMIT");
        observer?.committed(size, (performance.now() - started) / 1000);
      } catch (err) {
        failure = err;
        try {
          if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        } catch {
          // Nothing more to undo here; the waiters still hear of the failure below.
        }
      }
    }
    if (failure) observer?.failed(size);
    settle(group, failure);
  };

  const join = () => {
    if (sqlite.inTransaction) return; // a group is open: this transaction becomes a savepoint in it
    if (waiters) {
      // The open group was rolled back by SQLite before its COMMIT: tell its waiters now.
      observer?.failed(transactions);
      settle(waiters, lost());
      waiters = null;
    }
    transactions = 0;
    sqlite.exec("BEGIN IMMEDIATE");
    waiters = [];
    setImmediate(flush);
  };

  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = transaction(fn);
    const joined =
      (variant: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        join();
        if (depth === 0) transactions += 1;
        depth += 1;
        try {
          return variant(...args);
        } finally {
          depth -= 1;
        }
      };
    return Object.assign(joined(tx), {
      default: joined(tx.default),
      deferred: joined(tx.deferred),
      immediate: joined(tx.immediate),
      exclusive: joined(tx.exclusive),
    });
  }) as typeof sqlite.transaction;

  return {
    durable: () => {
      const group = waiters;
      if (!group) return Promise.resolve();
      return new Promise<void>((resolve, reject) => group.push([resolve, reject]));
    },
    flush,
  };
}
