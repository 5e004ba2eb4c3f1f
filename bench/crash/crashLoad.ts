// The crash-safety run's load: one seeded organization and the mixed write requests sent to the
// server while it is killed. What each request acknowledged is what crashInvariants.ts checks.
import { createCaller, createLogger, createServices, createSystemContext, loadConfig } from "@latchkey/api";

export type Ack =
  | { kind: "set"; rid: string; employee: string }
  | { kind: "update"; rid: string; employee: string; name: string }
  | { kind: "reset"; rid: string; employee: string }
  | { kind: "returnCode"; rid: string; employee: string; code: string }
  | { kind: "generate"; rid: string; workplace: string; code: string; employee: string; key?: string }
  | { kind: "activate"; rid: string; workplace: string; code: string };

export const SECRET = "crash-safety-secret-not-for-production-0001";

/** A small seeded PRNG, so a failing run can be repeated with --seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export interface World {
  org: string;
  token: string;
  employees: { guid: string; id: number }[];
  workplaces: string[];
}

/** Seeds one organization (8 employees with phones, 6 workplaces, an admin token) straight into the database. */
export async function seed(env: Record<string, string>): Promise<World> {
  const services = await createServices(loadConfig(env as NodeJS.ProcessEnv), { log: createLogger("silent") });
  try {
    const system = createCaller(createSystemContext(services));
    const created = await system.organizations.create({
      name: "Crash Co",
      alias: "crash-co",
      owner: { displayName: "Crash Owner", email: "owner@crash.test", password: "Violet-Harbor-Lantern-93" },
    });
    const api = createCaller(createSystemContext(services, { org: { guid: created.organization.guid } }));
    const employees = [];
    for (let i = 0; i < 8; i++) {
      const e = await api.employees.create({ displayName: `Worker ${i}`, email: `w${i}@crash.test`, phone: `+7916555000${i}` });
      employees.push({ guid: e.guid, id: e.id });
    }
    const outlet = await api.outlets.create({ name: "Depot" });
    const workplaces = [];
    for (let i = 0; i < 6; i++) workplaces.push((await api.workplaces.create({ outletGuid: outlet.guid, name: `Till ${i}` })).guid);
    const token = (await api.tokens.create({ name: "crash", scopes: ["admin"] })).token;
    return { org: created.organization.guid, token, employees, workplaces };
  } finally {
    await services.database.close();
  }
}

function generate(url: string, w: World, workplace: string, employee: string, rid: string, key?: string): Promise<Response> {
  return fetch(`${url}/orgs/${w.org}/workplaces/${workplace}:generate-activation-code`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${w.token}`,
      "content-type": "application/json",
      "x-request-id": rid,
      ...(key ? { "idempotency-key": key } : {}),
    },
    body: JSON.stringify({ employee: { guid: employee, type_of: "Employee" } }),
  });
}

/** After a restart: acknowledged keyed requests, retried, replay their answer and create nothing. */
export async function replayKeyed(url: string, w: World, acks: Ack[]): Promise<string[]> {
  const bad: string[] = [];
  const keyed = acks.filter((a): a is Extract<Ack, { kind: "generate" }> => a.kind === "generate" && a.key !== undefined).slice(-5);
  for (const a of keyed) {
    const res = await generate(url, w, a.workplace, a.employee, `${a.rid}-retry`, a.key);
    const body = (await res.json()) as { activation_code?: string };
    if (res.status !== 200 || body.activation_code !== a.code)
      bad.push(`idempotent retry of ${a.rid}: ${res.status} ${body.activation_code === a.code ? "same code" : "another code"}`);
  }
  return bad;
}

/** One request of the mixed load; returns what it acknowledged, "refused" (a 4xx), or "unknown" (no answer). */
export async function oneRequest(
  url: string,
  w: World,
  rnd: () => number,
  rid: string,
  codes: Ack[],
): Promise<Ack | "refused" | "unknown"> {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const e = pick(w.employees);
  const wp = pick(w.workplaces);
  const headers = { authorization: `Bearer ${w.token}`, "content-type": "application/json", "x-request-id": rid };
  const r = rnd();
  try {
    if (r < 0.25) {
      const res = await fetch(`${url}/management/v1/users/${e.guid}/password`, {
        method: "POST",
        headers,
        body: JSON.stringify({ password: `Lantern-${rid}-Harbor`, noChangeRequired: true }),
      });
      await res.arrayBuffer();
      return res.status === 200 ? { kind: "set", rid, employee: e.guid } : "refused";
    }
    if (r < 0.4) {
      const name = `Name ${rid}`;
      const res = await fetch(`${url}/api/trpc/employees.update`, {
        method: "POST",
        headers,
        body: JSON.stringify({ guid: e.guid, displayName: name }),
      });
      await res.arrayBuffer();
      return res.status === 200 ? { kind: "update", rid, employee: e.guid, name } : "refused";
    }
    if (r < 0.5) {
      const res = await fetch(`${url}/orgs/${w.org}/employees/${e.guid}:reset-password`, { method: "POST", headers });
      await res.arrayBuffer();
      return res.status === 204 ? { kind: "reset", rid, employee: e.guid } : "refused";
    }
    if (r < 0.6) {
      const res = await fetch(`${url}/v2/users/${e.guid}/password_reset`, {
        method: "POST",
        headers,
        body: JSON.stringify({ returnCode: {} }),
      });
      const body = (await res.json()) as { verificationCode?: string };
      return res.status === 200 ? { kind: "returnCode", rid, employee: e.guid, code: body.verificationCode! } : "refused";
    }
    if (r < 0.8 || codes.length === 0) {
      // Some carry an Idempotency-Key: after a crash, a retry must replay the answer, not act again.
      const key = rnd() < 0.3 ? `idem-${rid}` : undefined;
      const res = await generate(url, w, wp, e.guid, rid, key);
      const body = (await res.json()) as { activation_code?: string };
      return res.status === 200
        ? { kind: "generate", rid, workplace: wp, code: body.activation_code!, employee: e.guid, ...(key ? { key } : {}) }
        : "refused";
    }
    const g = pick(codes) as Extract<Ack, { kind: "generate" }>;
    const res = await fetch(`${url}/auth/activate-workplace`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": rid,
        "x-forwarded-for": `10.${Math.floor(rnd() * 250)}.${Math.floor(rnd() * 250)}.1`,
      },
      body: JSON.stringify({ activation_code: g.code }),
    });
    await res.arrayBuffer();
    return res.status === 200 ? { kind: "activate", rid, workplace: g.workplace, code: g.code } : "refused";
  } catch {
    // The connection died with the server: the change may or may not have happened.
    return "unknown";
  }
}

/** The server's environment for a database (a DATABASE_URL) and port: API only, request limits off, cheap hashes. */
export function serverEnv(databaseUrl: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    LATCHKEY_SECRET: SECRET,
    LATCHKEY_WEB: "false",
    LATCHKEY_RATE_LIMIT_PER_TOKEN: "0",
    LATCHKEY_RATE_LIMIT_PER_IP: "0",
    // Replaced codes are redeemed too (wrong codes): neither the installation-wide budget nor the
    // per-address block may turn the run's activations into refusals. Each activation names its
    // own address through the one trusted hop.
    LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0",
    LATCHKEY_TRUST_PROXY: "1",
    LATCHKEY_HASH_MEMORY_KIB: "8192",
    LATCHKEY_HASH_ITERATIONS: "1",
    LATCHKEY_ADMIN_EMAIL: "root@crash.test",
    LATCHKEY_ADMIN_PASSWORD: "Quiet-Meadow-Copper-58",
    LATCHKEY_LOG_LEVEL: "warn",
  };
}
