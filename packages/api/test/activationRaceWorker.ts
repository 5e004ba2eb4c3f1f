// A separate process for the cross-process race in activationRace.test.ts: opens its own
// connection to the test database, says "ready", waits for "go" on stdin, then fires its
// activations at once and prints one JSON line with the outcome codes.
import { loadConfig } from "../src/config";
import { createContext } from "../src/context";
import { ManualClock } from "../src/lib/clock";
import { createLogger } from "../src/lib/logger";
import { createCaller } from "../src/root";
import { createServices } from "../src/services";

const [databaseUrl, secret, nowMs, code, ipPrefix, countArg] = process.argv.slice(2);
// The installation-wide budget would stop the 49 losers before they lose the race: off here.
const services = await createServices(
  loadConfig({ DATABASE_URL: databaseUrl!, LATCHKEY_SECRET: secret!, LATCHKEY_ACTIVATION_FAILURES_PER_MINUTE: "0" }),
  {
    clock: new ManualClock(Number(nowMs)),
    log: createLogger("silent"),
  },
);

async function attempt(i: number): Promise<string> {
  const ctx = await createContext({ services, meta: { ip: `${ipPrefix}.${i}`, requestId: services.random.uuid() } });
  try {
    await createCaller(ctx).auth.activateWorkplace({ code: code! });
    return "ok";
  } catch (err) {
    return (err as { cause?: { code?: string } }).cause?.code ?? "error";
  }
}

process.stdin.once("data", () => {
  void Promise.all(Array.from({ length: Number(countArg) }, (_, i) => attempt(i))).then((results) => {
    process.stdout.write(`${JSON.stringify(results)}\n`);
    void services.database.close().finally(() => process.exit(0));
  });
});
process.stdout.write("ready\n");
