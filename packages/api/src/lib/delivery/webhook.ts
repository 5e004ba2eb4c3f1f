// SMS through an HTTP gateway: a JSON POST signed with HMAC-SHA-256 of "<timestamp>.<raw body>",
// so the gateway can tell Latchkey's requests from anyone else's, and, by refusing old
// timestamps, a fresh request from a captured one replayed later.
import { createHmac } from "node:crypto";
import type { Services } from "../../services";
import { DeliveryError, type DeliveryProvider } from "./deliveryError";

const SIGNATURE_HEADER = "X-Latchkey-Signature";
const TIMESTAMP_HEADER = "X-Latchkey-Timestamp";
const TIMEOUT_MS = 15_000;

function signWebhookBody(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex")}`;
}

export function createWebhookProvider(services: Services): DeliveryProvider {
  const url = services.config.LATCHKEY_SMS_WEBHOOK_URL!;
  const secret = services.config.LATCHKEY_SMS_WEBHOOK_SECRET!;
  return {
    name: "webhook",
    real: true,
    async send(msg) {
      const raw = JSON.stringify({ to: msg.recipient, body: msg.body, id: String(msg.id) });
      const timestamp = String(Math.floor(services.clock.now() / 1000));
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            [SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, raw),
            [TIMESTAMP_HEADER]: timestamp,
          },
          body: raw,
          // A redirect would resend the code to an address nobody configured.
          redirect: "error",
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        // Never the URL (it may carry a token) nor the body.
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw new DeliveryError(`webhook: request failed (${cause})`);
      }
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) return `the gateway answered HTTP ${res.status}`;
      // Client errors other than timeouts and throttling will not get better by retrying.
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new DeliveryError(`webhook: HTTP ${res.status}`, permanent);
    },
  };
}
