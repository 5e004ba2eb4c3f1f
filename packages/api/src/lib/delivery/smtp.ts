// Email through an SMTP relay (nodemailer). Recipient and subject go into headers, so CR/LF in
// them is refused outright rather than trusted to the library's encoding.
import nodemailer from "nodemailer";
import type { AppConfig } from "../../config";
import { DeliveryError, type DeliveryProvider } from "./deliveryError";

const LINE_BREAK = /[\r\n]/;

interface SmtpFailure {
  code?: string;
  responseCode?: number;
}

export function createSmtpProvider(config: AppConfig): DeliveryProvider {
  const transport = nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    // Messages carry codes: without implicit TLS, send only after STARTTLS (a relay that does not
    // offer it gets nothing), unless the operator turned that off for a relay on their own machine.
    requireTLS: !config.SMTP_SECURE && config.SMTP_REQUIRE_TLS,
    ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? "" } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    name: "smtp",
    real: true,
    async send(msg) {
      const subject = msg.subject ?? "Latchkey";
      if (LINE_BREAK.test(msg.recipient) || LINE_BREAK.test(subject) || LINE_BREAK.test(config.SMTP_FROM))
        throw new DeliveryError("refused: line break in a header (recipient or subject)", true);
      try {
        const info = (await transport.sendMail({ from: config.SMTP_FROM, to: msg.recipient, subject, text: msg.body })) as {
          response?: string;
        };
        // The relay's acceptance ("250 2.0.0 Ok: queued as …"): shown by `latchkey delivery test`, never stored.
        return `SMTP ${config.SMTP_HOST}:${config.SMTP_PORT} accepted it: ${(info.response ?? "").replace(/[\r\n]+/g, " ").slice(0, 200)}`;
      } catch (err) {
        // Only the error class and status are kept: server replies may quote the message.
        const { code, responseCode } = err as SmtpFailure;
        const status = typeof responseCode === "number" ? ` ${responseCode}` : "";
        throw new DeliveryError(`smtp: ${code ?? "error"}${status}`, typeof responseCode === "number" && responseCode >= 500);
      }
    },
    close() {
      transport.close();
    },
  };
}
