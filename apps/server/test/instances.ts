// Real server processes for the multi-instance tests: `node --import tsx apps/server/src/main.ts`,
// the process itself (not a launcher in front of it), so a SIGKILL ends the server and nothing else.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "./freePort";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SECRET = "multi-instance-Secret-7Hq2LmZx9vRk4pTn3bYc6dFg8jWs5";

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** Every line the process logged (JSON, info and above): its request log says which requests it served. */
  log: string[];
  /** Resolves once the process is gone. */
  exited: Promise<void>;
}

/** Starts one server process (on `port`, or a free one) and resolves once it logged server.ready. */
export async function startInstance(databaseUrl: string, env: Record<string, string>, port?: number): Promise<Instance> {
  port ??= await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: String(port),
      HOST: "127.0.0.1",
      LATCHKEY_WEB: "false",
      DATABASE_URL: databaseUrl,
      LATCHKEY_SECRET: SECRET,
      LATCHKEY_ADMIN_EMAIL: "admin@multi.test",
      LATCHKEY_ADMIN_PASSWORD: "Multi-Instance-Admin-2048",
      LATCHKEY_HASH_MEMORY_KIB: "8192",
      LATCHKEY_HASH_ITERATIONS: "1",
      LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
      LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0",
      // The test's X-Forwarded-For is the client address (one trusted hop: the test, or nginx).
      LATCHKEY_TRUST_PROXY: "1",
      ...env,
    } as unknown as NodeJS.ProcessEnv,
  });
  const log: string[] = [];
  let partial = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      const lines = (partial + d.toString("utf8")).split("\n");
      partial = lines.pop()!;
      log.push(...lines);
      if (lines.some((l) => l.includes('"msg":"server.ready"'))) resolve();
    });
    void exited.then(() => reject(new Error(`instance exited with ${child.exitCode}: ${log.join("\n")}`)));
  });
  return { url: `http://127.0.0.1:${port}`, port, child, log, exited };
}
/** The request ids an instance logged an answer for. */
export function servedRequestIds(instance: Instance): Set<string> {
  const ids = new Set<string>();
  for (const line of instance.log) {
    if (!line.includes('"msg":"http.request"')) continue;
    const { requestId } = JSON.parse(line) as { requestId?: string };
    if (requestId) ids.add(requestId);
  }
  return ids;
}

/**
 * Waits until some instance logged each of `ids`: a process writes its request log line as it
 * answers, and the line reaches this process a moment later.
 */
export async function loggedAll(instances: Instance[], ids: string[]): Promise<void> {
  for (let tries = 0; tries < 250; tries++) {
    const served = instances.map(servedRequestIds);
    if (ids.every((id) => served.some((s) => s.has(id)))) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
