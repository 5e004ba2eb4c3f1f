// A steady stream of writes spread over several server processes, one of which is killed with
// SIGKILL partway through. Every request's fate is kept: what each instance acknowledged is
// checked against the database afterwards (multiInstance.test.ts).
import type { Instance } from "./instances";

export interface Sent {
  rid: string;
  kind: "set" | "generate";
  /** The employee (set) or workplace (generate) guid. */
  target: string;
  instance: number;
  /** Sent once the killed process was gone. */
  afterDeath: boolean;
  status?: number;
  /** The activation code a 200 to generate returned. */
  code?: string;
  /** Why no answer came: the fetch error's cause, as node reports it. */
  error?: string;
}

export interface StreamOptions {
  instances: Instance[];
  victim: number;
  org: string;
  token: string;
  employees: string[];
  workplaces: string[];
  /** The victim is killed once this many writes were acknowledged. */
  killAfter: number;
  /** Each worker stops after this many requests sent once the victim was gone. */
  afterDeath: number;
  workers: number;
}

/** Runs the stream; resolves with every request sent, in the order they were sent. */
export async function runWriteStream(o: StreamOptions): Promise<Sent[]> {
  const sent: Sent[] = [];
  let acknowledged = 0;
  let killed = false;
  let dead = false;
  let n = 0;
  const worker = async () => {
    let late = 0;
    // The bound only ends a run whose victim never died (the test then fails on what it sent).
    while (late < o.afterDeath && n < 2_000) {
      const k = n++;
      const s: Sent = {
        rid: `stream-${k}`,
        kind: k % 2 === 0 ? "set" : "generate",
        target: k % 2 === 0 ? o.employees[(k / 2) % o.employees.length]! : o.workplaces[((k - 1) / 2) % o.workplaces.length]!,
        instance: k % o.instances.length,
        afterDeath: dead,
      };
      sent.push(s);
      if (s.afterDeath) late += 1;
      const headers = { authorization: `Bearer ${o.token}`, "content-type": "application/json", "x-request-id": s.rid };
      const base = o.instances[s.instance]!.url;
      try {
        const res =
          s.kind === "set"
            ? await fetch(`${base}/management/v1/users/${s.target}/password`, {
                method: "POST",
                headers,
                body: JSON.stringify({ password: `Lantern-${s.rid}-Harbor`, noChangeRequired: true }),
              })
            : await fetch(`${base}/orgs/${o.org}/workplaces/${s.target}:generate-activation-code`, {
                method: "POST",
                headers,
                body: JSON.stringify({ employee: { guid: o.employees[0]!, type_of: "Employee" } }),
              });
        const body = (await res.json()) as { activation_code?: string };
        s.status = res.status;
        if (res.status === 200) {
          acknowledged += 1;
          if (s.kind === "generate") s.code = body.activation_code;
        }
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        s.error = `${(err as Error).name}: ${cause?.code ?? cause?.message ?? (err as Error).message}`;
      }
      if (!killed && acknowledged >= o.killAfter) {
        killed = true;
        const victim = o.instances[o.victim]!;
        victim.child.kill("SIGKILL");
        void victim.exited.then(() => (dead = true));
      }
    }
  };
  await Promise.all(Array.from({ length: o.workers }, worker));
  return sent;
}
