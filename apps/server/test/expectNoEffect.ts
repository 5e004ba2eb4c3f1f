import { expect } from "vitest";
import type { TestServer } from "./useServer";

/** Runs `attack` and checks that no response was a 5xx and nothing watched (see snapshot.ts) changed. */
export async function expectNoEffect(t: TestServer, attack: () => Promise<Response | Response[]>): Promise<Response[]> {
  const before = await t.snapshot();
  const out = await attack();
  const responses = Array.isArray(out) ? out : [out];
  for (const r of responses) expect(r.status, `${r.url} answered ${r.status}`).toBeLessThan(500);
  expect(await t.snapshot()).toEqual(before);
  return responses;
}
