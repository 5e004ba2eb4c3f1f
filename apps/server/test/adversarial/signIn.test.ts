// Telling which logins exist from sign-in answers: unknown, locked-out, archived, passwordless and
// reset-pending logins must answer byte for byte alike (status, body, headers), through the
// lockout too. Their timing is in the benchmark (`pnpm bench --only sign-in`), not here.
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../passwords";
import { useServer } from "../useServer";

const t = useServer();

/** What a client can compare: the status, the body and every header but those that differ per request anyway. */
async function signIn(login: string, password: string) {
  const res = await t.call("POST", "/api/trpc/auth.signIn", { token: null, body: { login, password } });
  const headers = [...res.headers].filter(([name]) => name !== "date" && name !== "x-request-id");
  expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  return { status: res.status, body: await res.text(), headers };
}

/** 10 wrong passwords, one more, then the account's real password (for an unknown login, the seeded one). */
async function attackSequence(login: string) {
  const answers = [];
  for (let i = 0; i < 11; i++) answers.push(await signIn(login, `Wrong-Password-${i}-Tundra`));
  answers.push(await signIn(login, PASSWORD));
  return answers;
}

const kinds: Record<string, string> = {};

beforeAll(async () => {
  const api = t.admin();
  const w = t.world;
  const passwordless = await api.employees.create({ displayName: "New Hire", email: "new.hire@example.test" });
  await api.employees.resetPassword({ guid: w.employees[2]!.guid });
  Object.assign(kinds, {
    unknown: "nobody.at.all@example.test",
    locked: w.employees[1]!.email,
    archived: w.archived.email,
    passwordless: passwordless.email!,
    resetPending: w.employees[2]!.email,
  });
});

describe("sign-in answers for logins that cannot sign in", () => {
  it("are identical for unknown, locked-out, archived, passwordless and reset-pending logins, wrong password after wrong password, lockout included", async () => {
    const sequences = new Map<string, Awaited<ReturnType<typeof attackSequence>>>();
    for (const [kind, login] of Object.entries(kinds)) sequences.set(kind, await attackSequence(login));
    const reference = sequences.get("unknown")!;
    expect(reference.slice(0, 10).every((a) => a.status === 401 && a.body.includes("WrongUsernameOrPassword"))).toBe(true);
    expect(reference.slice(10).every((a) => a.status === 429 && a.body.includes("TryLater"))).toBe(true);
    expect(new Map(reference[10]!.headers).get("retry-after")).toBe("900");
    for (const [kind, answers] of sequences) expect(answers, kind).toEqual(reference);
    // Locked out alike, and alike again once the lock has run out.
    t.clock.advance(15 * 60_000);
    const after = await signIn(kinds.unknown!, "Wrong-Password-x-Tundra");
    for (const kind of ["locked", "archived", "passwordless", "resetPending"])
      expect(await signIn(kinds[kind]!, "Wrong-Password-x-Tundra"), kind).toEqual(after);
    expect(after.status).toBe(401);
    // The real account still opens with its password once the lock is over.
    expect((await signIn(kinds.locked!, PASSWORD)).status).toBe(200);
  }, 60_000);

  it("counts an unknown login under its normalized spelling: case, spaces and NFKC variants share one count", async () => {
    const spellings = ["Ghost.User@Example.test", " ghost.user@example.test ", "ＧＨＯＳＴ.user@example.test"];
    for (let i = 0; i < 10; i++) expect((await signIn(spellings[i % 3]!, `Wrong-${i}-Tundra-Lake`)).status).toBe(401);
    const locked = await signIn("ghost.user@EXAMPLE.TEST", "Wrong-x-Tundra-Lake");
    expect(locked.status).toBe(429);
    expect(locked.body).toContain("TryLater");
    // Kept in the database, keyed by the normalized login, not in process memory.
    expect(
      await t.sql("SELECT key FROM rate_limits WHERE key = 'signin:login:ghost.user@example.test' AND blocked_until IS NOT NULL"),
    ).toHaveLength(1);
  });
});
