// What a load run is asked to do (lib/load.ts, lib/openLoad.ts) and what it reports.
export interface LoadSpec {
  /** One server, or several serving one database: the load is spread evenly over them. */
  url: string | readonly string[];
  method: "GET" | "POST" | "PATCH";
  /** Called for every request: returns its path, headers and body. */
  request: (n: number) => { path: string; body?: string; headers?: Record<string, string> };
  connections: number;
  durationS: number;
  /** Open-loop rate for the whole run (requests per second, lib/openLoad.ts); closed loop (autocannon) when absent. */
  rate?: number;
}

export interface LoadResult {
  /** 2xx responses per second. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  errors: number;
  /** The first non-2xx status seen, to say what went wrong. */
  firstFailure: number | null;
}
