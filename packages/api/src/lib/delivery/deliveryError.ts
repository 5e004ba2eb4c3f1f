// What every provider implements, and the one error it may throw.
import type { OutboxMessage } from "@latchkey/db";

export interface DeliveryProvider {
  name: "log" | "smtp" | "webhook";
  /** A real provider hands the message to someone else, so the stored copy is scrubbed afterwards. */
  real: boolean;
  /** Hands the message over; resolves with what the other side said (for the operator), throws DeliveryError. */
  send(msg: OutboxMessage): Promise<string>;
  close?(): void;
}

export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  /** A permanent error is not retried (a malformed recipient, a 4xx from the gateway). */
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}
