// The SDK example docs/API.md shows (apps/server/examples/zitadelSdk.ts), run as a function and
// as the script the docs tell readers to run, against the real server.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createServerTransport } from "@zitadel/client/node";
import { sendResetLink } from "../examples/zitadelSdk";
import { afterCooldown, useServer } from "./useServer";

const t = useServer({ LATCHKEY_PUBLIC_URL: "https://keys.example.test" });
const TSX = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../examples/zitadelSdk.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const lastBody = async (guid: string) =>
  (
    await t.sql<{ body: string }>(
      "SELECT m.body FROM outbox_messages m JOIN employees e ON e.id = m.employee_id WHERE e.guid = ? ORDER BY m.id DESC LIMIT 1",
      guid,
    )
  )[0]!.body;

describe("examples/zitadelSdk.ts", () => {
  it("sends a reset link as a function, over gRPC", async () => {
    const id = t.world.employees[1]!.guid;
    const done = await sendResetLink(createServerTransport(t.world.tokens.service, { baseUrl: t.url }), id);
    expect(done).toEqual({ sequence: expect.stringMatching(/^\d+$/), changeDate: expect.any(String), resourceOwner: t.world.org.guid });
    expect(await lastBody(id)).toMatch(/https:\/\/keys\.example\.test\/reset#org=[a-z0-9-]+&code=\d{8}/);
  });

  it("runs as the script docs/API.md shows, with a template, and says why it failed", async () => {
    const id = t.world.employees[2]!.guid;
    afterCooldown(t);
    const env = { ...process.env, ZITADEL_API_URL: t.url, ZITADEL_SERVICE_USER_TOKEN: t.world.tokens.service };
    const { stdout } = await promisify(execFile)(TSX, [EXAMPLE, id, "https://app.example.test/reset#code={{.Code}}"], { env, cwd: ROOT });
    expect(JSON.parse(stdout)).toMatchObject({ resourceOwner: t.world.org.guid });
    expect(await lastBody(id)).toMatch(/https:\/\/app\.example\.test\/reset#code=\d{8}/);
    const failed = await promisify(execFile)(TSX, [EXAMPLE, t.world.otherEmployee.guid], { env, cwd: ROOT }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^reset failed: NotFound: /) });
  }, 120_000); // two tsx start-ups: a bound, not a timing
});
