// `delivery test`: one message through the configured email or SMS provider, and what happened.
import { sendTestMessage } from "@latchkey/api";
import type { Command } from "../command";
import { str, UsageError } from "../command";

/** One @, something on each side, a dot in the domain: the relay judges the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

/** Where the provider sends, without anything secret a URL or login may carry. */
function via(
  config: { SMTP_HOST?: string | undefined; SMTP_PORT: number; LATCHKEY_SMS_WEBHOOK_URL?: string | undefined },
  provider: string,
) {
  if (provider === "smtp") return ` (${config.SMTP_HOST}:${config.SMTP_PORT})`;
  if (provider === "webhook" && config.LATCHKEY_SMS_WEBHOOK_URL) return ` (${new URL(config.LATCHKEY_SMS_WEBHOOK_URL).origin})`;
  return "";
}

export const deliveryTest: Command = {
  path: "delivery test",
  summary: "Send one test message (no code) through the configured email or SMS provider and say what happened.",
  options: {
    email: { type: "string", value: "<address>", description: "send an email to this address (LATCHKEY_EMAIL_PROVIDER)" },
    sms: { type: "string", value: "<phone>", description: "send an SMS to this E.164 number, e.g. +79161234567 (LATCHKEY_SMS_PROVIDER)" },
  },
  notes: [
    "The message is sent at once, outside the outbox: it is not stored and not retried.",
    "Exit code 0 when the provider took it (or keeps messages locally: log), 1 when it failed or none is configured.",
  ],
  async run(ctx, v) {
    const email = str(v, "email")?.trim();
    const sms = str(v, "sms")?.trim();
    if ((email === undefined) === (sms === undefined)) throw new UsageError("Give exactly one of --email <address> or --sms <phone>.");
    if (email !== undefined && !EMAIL.test(email)) throw new UsageError("--email must be an email address");
    if (sms !== undefined && !PHONE.test(sms)) throw new UsageError("--sms must be a phone number in E.164 form, like +79161234567");
    const services = await ctx.services();
    const result = await sendTestMessage(services, email !== undefined ? "email" : "sms", (email ?? sms)!);
    const what =
      result.outcome === "sent"
        ? "sent"
        : result.outcome === "not_sent"
          ? "not sent"
          : `failed${result.retried ? " (the outbox would retry such a message)" : " (permanent: the outbox would not retry it)"}`;
    const human = `${result.channel} to ${result.recipient} via ${result.provider}${via(services.config, result.provider)}: ${what}\n  ${result.detail}`;
    // The report is the result either way; a message that did not get out is exit code 1.
    return { json: result, human, exitCode: result.outcome === "failed" || result.provider === "none" ? 1 : 0 };
  },
};
