// `pnpm bench [--quick] [--scale [--prepare]] [--only a,b] [--rounds n] [--duration s] [--profile]
// [--compare DIR] [--backends sqlite,postgres] [--instances 1,2] [--sizes 1000000/10000000,…]`: DIR is another checkout (e.g.
// before a change) run beside this one.

export interface BenchArgs {
  /** Smoke test: 1 s runs, one round, no goals judged. */
  quick: boolean;
  /** The 10k..1M employee and 1M..10M audit event runs (slow: builds big databases once). */
  scale: boolean;
  /** Suites to run (default: every default suite, plus scale with --scale). */
  only: string[] | null;
  rounds: number;
  /** Seconds per load run (at most 10). */
  duration: number;
  /** With --scale: only build the scale databases (slow, once), measure nothing. */
  prepare: boolean;
  /** Start the servers with --cpu-prof and print the hottest functions. */
  profile: boolean;
  /** Another checkout of Latchkey (its dependencies installed) measured beside this one. */
  compare: string | null;
  /** Databases to measure on: the default SQLite file and/or PostgreSQL (a scratch database). */
  backends: Backend[];
  /** On PostgreSQL, how many server processes share the database (one row each); SQLite is always 1. */
  instances: number[];
  /** With --scale: the sizes to build and measure instead of the default three ("employees/events,…"). */
  sizes: { employees: number; events: number }[] | null;
  /** Write the tables to BENCHMARKS-latest.md in bench/results too. */
  out: string | null;
}

export type Backend = "sqlite" | "postgres";

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    quick: false,
    scale: false,
    only: null,
    rounds: 3,
    duration: 8,
    profile: false,
    prepare: false,
    compare: null,
    backends: ["sqlite"],
    instances: [1],
    sizes: null,
    out: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--") continue;
    else if (a === "--quick") args.quick = true;
    else if (a === "--scale") args.scale = true;
    else if (a === "--profile") args.profile = true;
    else if (a === "--prepare") args.prepare = true;
    else if (a === "--only") args.only = value().split(",");
    else if (a === "--rounds") args.rounds = Number(value());
    else if (a === "--duration") args.duration = Number(value());
    else if (a === "--out") args.out = value();
    else if (a === "--compare") args.compare = value();
    else if (a === "--backends") args.backends = value().split(",") as Backend[];
    else if (a === "--sizes")
      args.sizes = value()
        .split(",")
        .map((p) => {
          const [employees, events] = p.split("/").map(Number);
          if (!Number.isSafeInteger(employees) || !Number.isSafeInteger(events ?? 0))
            throw new Error(`--sizes: employees/events, not ${p}`);
          return { employees: employees!, events: events ?? 0 };
        });
    else if (a === "--instances") args.instances = value().split(",").map(Number);
    else throw new Error(`unknown option ${a}`);
  }
  if (args.quick) {
    args.rounds = 1;
    args.duration = 1;
  }
  for (const b of args.backends) if (b !== "sqlite" && b !== "postgres") throw new Error(`--backends: sqlite or postgres, not ${b}`);
  for (const n of args.instances) if (!(Number.isInteger(n) && n >= 1 && n <= 8)) throw new Error("--instances: whole numbers 1..8");
  if (!(args.rounds >= 1)) throw new Error("--rounds must be at least 1");
  if (!(args.duration > 0 && args.duration <= 10)) throw new Error("--duration must be 0..10 seconds");
  return args;
}
