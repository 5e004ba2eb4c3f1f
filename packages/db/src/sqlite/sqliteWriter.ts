// Writes to a SQLite file: one connection, one transaction at a time, and group commit.
//
// better-sqlite3 is synchronous, while the core's transactions are async functions, so the
// writer runs them one after another (a mutex) on its connection; a transaction rarely awaits
// anything but its own queries, so it holds the connection for microseconds.
//
// Group commit: each `synchronous=FULL` COMMIT fsyncs the WAL, and blocks the event loop while
// it does (about 40% of the main thread's time when generating activation codes under load,
// BENCHMARKS.md). With `groupCommit`, the first transaction opens BEGIN IMMEDIATE and schedules
// the COMMIT with setImmediate, after the turn's I/O callbacks; every transaction until then
// runs as a SAVEPOINT inside it, so each one still commits or rolls back as a whole, and the
// group becomes durable together, with one fsync. A transaction's promise resolves only once
// its group committed; if the COMMIT fails, every transaction of the group rejects, and none of
// their writes exist.
import type BetterSqlite from "better-sqlite3";
import type { GroupCommitObserver, Tx } from "../database";

interface TransactionOptions {
  /** A write whose loss in a power cut is harmless: committed without its own fsync. */
  relaxed?: boolean;
}
import { Mutex } from "../mutex";

interface Group {
  size: number;
  done: Promise<void>;
  settle: (failure: unknown) => void;
}

function openGroup(): Group {
  let settle!: Group["settle"];
  const done = new Promise<void>((resolve, reject) => {
    settle = (failure) => (failure ? reject(failure) : resolve());
  });
  done.catch(() => {}); // each member awaits it; this keeps a group nobody awaits from counting as unhandled
  return { size: 0, done, settle };
}

// SQLite rolls a whole transaction back on some errors (disk full, I/O): the group is gone.
const lost = () => new Error("the database rolled back a group of transactions");

export class SqliteWriter {
  private readonly mutex = new Mutex();
  private group: Group | null = null;

  constructor(
    private readonly conn: BetterSqlite.Database,
    private readonly handle: Tx,
    private readonly groupCommit: boolean,
    private readonly observer?: GroupCommitObserver,
  ) {}

  async transaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (!this.groupCommit) return this.mutex.run(() => this.alone(work, options));
    const { result, group } = await this.mutex.run(() => this.inGroup(work));
    // A counter whose loss is harmless does not wait for the fsync (it commits with its group).
    if (!options.relaxed) await group.done;
    return result;
  }

  /** Commits the open group now (before closing the database). */
  async flush(): Promise<void> {
    await this.mutex.run(async () => this.commitGroup());
  }

  private async alone<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions): Promise<T> {
    const { conn } = this;
    if (options.relaxed) conn.pragma("synchronous = NORMAL");
    try {
      conn.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(this.handle);
        conn.exec("COMMIT");
        return result;
      } catch (err) {
        if (conn.inTransaction) conn.exec("ROLLBACK");
        throw err;
      }
    } finally {
      if (options.relaxed) conn.pragma("synchronous = FULL");
    }
  }

  private async inGroup<T>(work: (tx: Tx) => Promise<T>): Promise<{ result: T; group: Group }> {
    const { conn } = this;
    if (this.group && !conn.inTransaction) {
      // SQLite rolled the open group back before its COMMIT: tell its members now.
      this.observer?.failed(this.group.size);
      this.group.settle(lost());
      this.group = null;
    }
    if (!this.group) {
      conn.exec("BEGIN IMMEDIATE");
      this.group = openGroup();
      setImmediate(() => void this.flush().catch(() => {}));
    }
    const group = this.group;
    conn.exec("SAVEPOINT lk_tx");
    try {
      const result = await work(this.handle);
      conn.exec("RELEASE lk_tx");
      group.size += 1;
      return { result, group };
    } catch (err) {
      if (conn.inTransaction) {
        conn.exec("ROLLBACK TO lk_tx");
        conn.exec("RELEASE lk_tx");
      }
      throw err;
    }
  }

  private commitGroup(): void {
    const group = this.group;
    if (!group) return;
    this.group = null;
    const { conn } = this;
    let failure: unknown = null;
    if (!conn.inTransaction) failure = lost();
    else {
      try {
        const started = performance.now();
        conn.exec("COMMIT");
        this.observer?.committed(group.size, (performance.now() - started) / 1000);
      } catch (err) {
        failure = err;
        try {
          if (conn.inTransaction) conn.exec("ROLLBACK");
        } catch {
          // Nothing more to undo; the members still hear of the failure below.
        }
      }
    }
    if (failure) this.observer?.failed(group.size);
    group.settle(failure);
  }
}
