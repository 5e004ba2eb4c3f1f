// Sign-in timing per kind of login, side by side: a failing sign-in must cost one argon2
// verification whatever the account's state, so an unknown, archived, passwordless, reset-pending
// or locked-out login takes as long as a wrong password for a real one. One request at a time
// (no load), kinds interleaved round by round so drift hits them alike, production hash parameters.
// `pnpm bench --only sign-in`. Not a test: timings never go into tests.
import { join } from "node:path";
import { seedDemo } from "../lib/fixture";
import { startLatchkey } from "../lib/servers";
import { fmt, ms, percentile, ratio, table } from "../lib/stats";
import type { Suite } from "./suite";
import { trpcMutation } from "./trpcCall";

const PASSWORD = "Harbor-Lantern-Quartz-77";
/** Each login takes fewer wrong passwords than the lockout threshold (10), so none locks by accident. */
const PER_LOGIN = 8;

export const signInSuite: Suite = async (ctx) => {
  const { args, workDir } = ctx;
  const logins = args.quick ? 2 : 8;
  const dbPath = join(workDir, "sign-in.db");
  ctx.log("sign-in: seeding");
  const seed = await seedDemo(dbPath);
  const server = await startLatchkey({ dbPath, workDir });
  try {
    const admin = (path: string, input: unknown) => trpcMutation(server.url, path, seed.tokens.admin, input);
    const person = async (kind: string, i: number, password: boolean) => {
      const e = (await admin("employees.create", { displayName: `Till Staff ${i}`, email: `${kind}-${i}@bench-signin.test` })) as {
        guid: string;
        email: string;
      };
      if (password) await admin("employees.setPassword", { guid: e.guid, password: PASSWORD, changeRequired: false });
      return e;
    };
    const signIn = async (login: string, password: string) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login, password }),
      });
      await res.arrayBuffer();
      return { ms: performance.now() - started, status: res.status };
    };

    ctx.log("sign-in: preparing the logins of each kind");
    const kinds: { name: string; logins: string[]; password: (n: number) => string; expect: number }[] = [];
    const wrong = (n: number) => `Wrong-Bench-${n}-Tundra`;
    const range = Array.from({ length: logins }, (_, i) => i);
    const withPassword = await Promise.all(range.map((i) => person("known", i, true)));
    kinds.push({ name: "right password (success)", logins: withPassword.map((e) => e.email), password: () => PASSWORD, expect: 200 });
    kinds.push({ name: "wrong password", logins: withPassword.map((e) => e.email), password: wrong, expect: 401 });
    kinds.push({ name: "unknown login", logins: range.map((i) => `nobody-${i}@bench-signin.test`), password: wrong, expect: 401 });
    const archived = await Promise.all(range.map((i) => person("archived", i, true)));
    for (const e of archived) await admin("employees.archive", { guid: e.guid });
    kinds.push({ name: "archived employee", logins: archived.map((e) => e.email), password: wrong, expect: 401 });
    const passwordless = await Promise.all(range.map((i) => person("passwordless", i, false)));
    kinds.push({ name: "no password yet", logins: passwordless.map((e) => e.email), password: wrong, expect: 401 });
    const pending = await Promise.all(range.map((i) => person("pending", i, true)));
    for (const e of pending) await admin("employees.resetPassword", { guid: e.guid });
    kinds.push({ name: "reset pending", logins: pending.map((e) => e.email), password: wrong, expect: 401 });
    const locked = await Promise.all(range.map((i) => person("locked", i, true)));
    for (const e of locked) for (let n = 0; n < 10; n++) await signIn(e.email, wrong(n));
    kinds.push({ name: "locked out", logins: locked.map((e) => e.email), password: wrong, expect: 429 });

    // Warm-up: the first argon2 runs and the statement cache, outside the samples.
    for (let i = 0; i < 5; i++) await signIn(`warm-up-${i}@bench-signin.test`, wrong(i));

    ctx.log(`sign-in: ${PER_LOGIN} x ${logins} sign-ins per kind, interleaved`);
    const samples = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
    for (let round = 0; round < PER_LOGIN; round++)
      for (let i = 0; i < logins; i++)
        for (const k of kinds) {
          const r = await signIn(k.logins[i]!, k.password(round));
          if (r.status !== k.expect) throw new Error(`sign-in (${k.name}) answered ${r.status}, expected ${k.expect}`);
          samples.get(k.name)!.push(r.ms);
        }

    const p50 = (name: string) => percentile(samples.get(name)!, 50);
    const reference = p50("wrong password");
    const rows = kinds.map((k) => {
      const s = samples.get(k.name)!;
      const mean = s.reduce((a, b) => a + b, 0) / s.length;
      return [k.name, String(k.expect), String(s.length), ms(p50(k.name)), ms(percentile(s, 90)), ms(mean), ratio(p50(k.name) / reference)];
    });
    return {
      title: "Sign-in timing per kind of login",
      markdown: [
        `One sign-in at a time over HTTP (\`POST /api/trpc/auth.signIn\`), argon2id m=19456 KiB t=2 p=1, ${logins} logins per kind, ${PER_LOGIN} rounds, kinds interleaved. Every failing kind should sit at about 1.00 x the wrong-password p50 (one argon2 verification each); a success also writes a session.`,
        "",
        table(["kind", "status", "samples", "p50", "p90", "mean", "p50 / wrong password"], rows),
      ].join("\n"),
      goals: args.quick
        ? []
        : kinds
            .filter((k) => k.expect !== 200 && k.name !== "wrong password")
            .map((k) => {
              const r = p50(k.name) / reference;
              return {
                name: `sign-in: ${k.name} costs what a wrong password does`,
                target: "p50 within 0.8..1.25 x",
                value: `${fmt(r, 2)} x`,
                met: r >= 0.8 && r <= 1.25,
              };
            }),
    };
  } finally {
    await server.stop();
  }
};
