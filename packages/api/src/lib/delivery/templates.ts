// Texts of the messages Latchkey sends. Codes are the only 8-digit runs a template writes, so
// `scrubCodes` can remove them after delivery without knowing the code (it is stored hashed).

const SCRUBBED = "••••••••";
const CODE_RUN = /(?<!\d)\d{8}(?!\d)/g;

/** "60 minutes", "2 hours", "1 hour 30 minutes". */
export function describeLifetime(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (h === 0) return part(m, "minute");
  return m === 0 ? part(h, "hour") : `${part(h, "hour")} ${part(m, "minute")}`;
}

export interface ActivationCodeText {
  code: string;
  workplaceName: string;
  ttlSeconds: number;
}

/** The SMS with an activation code: short enough for one or two SMS segments. */
export function activationCodeSms({ code, workplaceName, ttlSeconds }: ActivationCodeText): { subject: string; body: string } {
  // The name is an admin's free text: keep it on one line and bounded.
  const name = workplaceName.replace(/\s+/g, " ").trim().slice(0, 60);
  return {
    subject: "Workplace activation code",
    body: `Latchkey: activation code ${code} for workplace "${name}". Valid for ${describeLifetime(ttlSeconds)}, single use. Do not share it.`,
  };
}

/** Replaces every code in a delivered message with dots. */
export function scrubCodes(text: string): string {
  return text.replace(CODE_RUN, SCRUBBED);
}
