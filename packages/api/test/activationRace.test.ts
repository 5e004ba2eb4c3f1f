// The same code redeemed from several processes at once, each with its own SQLite connection:
// only the conditional UPDATE decides, so exactly one activation wins.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { createHarness, TEST_SECRET } from "./harness";
import { seedWorld } from "./activationFixtures";
import { testTables } from "@latchkey/db/testing";

const { activationCodes, auditEvents } = testTables();

const h = createHarness();
const worker = fileURLToPath(new URL("./activationRaceWorker.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const onData = (c: Buffer) => {
      out += c.toString("utf8");
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        child.stdout.off("data", onData);
        resolve(out.slice(0, nl));
        out = out.slice(nl + 1);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    child.once("exit", (status) => reject(new Error(`race worker exited with ${status}: ${err}`)));
  });
}

describe("activation across processes", () => {
  it("5 processes x 10 parallel activations of one code give exactly one success", async () => {
    const w = await seedWorld(h, "ProcRace");
    const { code } = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    const children = Array.from({ length: 5 }, (_, p) =>
      spawn(tsx, [worker, h.url, TEST_SECRET, String(h.clock.now()), code, `10.77.${p}`, "10"]),
    );
    // Start them together: each says "ready" once its connection is open, then all get "go".
    expect(await Promise.all(children.map(firstLine))).toEqual(Array(5).fill("ready"));
    const results = children.map(firstLine);
    for (const c of children) c.stdin.write("go\n");
    const all = (await Promise.all(results)).flatMap((line) => JSON.parse(line) as string[]);
    expect(all).toHaveLength(50);
    expect(all.filter((r) => r === "ok")).toHaveLength(1);
    expect(all.filter((r) => r === "WrongActivationCode")).toHaveLength(49);
    const rows = await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w.workplace.guid));
    expect(rows.filter((r) => r.consumedAt !== null)).toHaveLength(1);
    const events = (await h.db.select().from(auditEvents).where(eq(auditEvents.action, "workplace.activate"))).filter((e) =>
      e.ip?.startsWith("10.77."),
    );
    expect(events).toHaveLength(50);
    expect(events.filter((e) => e.outcome === "success")).toHaveLength(1);
  }, 60_000);
});
