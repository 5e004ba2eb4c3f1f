// Delivery failures on /metrics: an SMS gateway on loopback answers 503 (worth retrying), then
// 400 (never worth it), and the outbox's counters say so as a scrape reads them.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { deliverDueMessages } from "@latchkey/api";
import { closeProviders } from "../../../packages/api/src/lib/delivery/providers";
import { useServer } from "./useServer";

let answer = 503;
const answered: number[] = [];
const gateway = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    answered.push(answer);
    res.writeHead(answer, { "content-type": "application/json" }).end("{}");
  });
});
await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const t = useServer({
  LATCHKEY_METRICS_TOKEN: METRICS_TOKEN,
  LATCHKEY_SMS_PROVIDER: "webhook",
  LATCHKEY_SMS_WEBHOOK_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
  LATCHKEY_SMS_WEBHOOK_SECRET: "w".repeat(32),
});
afterAll(() => closeProviders(t.services));

/** The SMS delivery counters as a scrape of /metrics shows them. */
async function smsDeliveries(): Promise<Record<"sent" | "retry" | "failed", number>> {
  const res = await t.call("GET", "/metrics", { token: METRICS_TOKEN });
  expect(res.status).toBe(200);
  const text = await res.text();
  const value = (outcome: string) => {
    const series = `latchkey_deliveries_total{channel="sms",outcome="${outcome}"}`;
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  return { sent: value("sent"), retry: value("retry"), failed: value("failed") };
}

describe("delivery failures on /metrics", () => {
  it("a gateway's 503 counts as retry, its 400 then as failed, and nothing as sent", async () => {
    const w = t.world;
    // One more code to deliver, beside what the seed left in the outbox.
    expect((await t.call("POST", `/orgs/${w.org.guid}/employees/${w.employees[0]!.guid}:reset-password`)).status).toBe(204);
    const before = await smsDeliveries();

    const first = await deliverDueMessages(t.services, 1000);
    expect(first.retrying).toBeGreaterThanOrEqual(1);
    expect(answered).toEqual(Array(first.retrying).fill(503));
    expect(await smsDeliveries()).toEqual({ ...before, retry: before.retry + first.retrying });

    answer = 400;
    t.clock.advance(3_600_000); // past any first backoff
    const second = await deliverDueMessages(t.services, 1000);
    expect(second).toMatchObject({ claimed: first.retrying, failed: first.retrying, retrying: 0, sent: 0 });
    expect(answered.slice(first.retrying)).toEqual(Array(first.retrying).fill(400));
    expect(await smsDeliveries()).toEqual({
      sent: before.sent,
      retry: before.retry + first.retrying,
      failed: before.failed + first.retrying,
    });

    const rows = await t.sql<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM outbox_messages WHERE channel = 'sms'",
    );
    expect(rows.map((r) => [r.status, r.last_error])).toEqual(Array(first.retrying).fill(["failed", "webhook: HTTP 400"]));
  });
});
