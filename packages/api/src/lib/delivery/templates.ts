// Texts of the messages Latchkey sends, and the links in them. A code is always written as an
// 8-digit run, so `scrubCodes` can remove it after delivery without knowing it (it is stored
// hashed); it may blot another 8-digit run of a link too, which costs nothing in a dead copy.

const SCRUBBED = "••••••••";
const CODE_RUN = /(?<!\d)\d{8}(?!\d)/g;

/** "60 minutes", "2 hours", "1 hour 30 minutes". */
function describeLifetime(seconds: number): string {
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

/**
 * The placeholders a reset link template may use, as ZITADEL documents them for
 * `sendLink.urlTemplate` (Go template syntax: `{{.Code}}`, spaces inside the braces allowed).
 */
const RESET_LINK_PLACEHOLDERS = ["UserID", "OrgID", "Code"] as const;
export type ResetLinkValues = Record<(typeof RESET_LINK_PLACEHOLDERS)[number], string>;

const PLACEHOLDER = /\{\{\s*\.([A-Za-z0-9_]+)\s*\}\}/g;
/** What a URL may hold outside its placeholders: RFC 3986 characters, so no space, quote or line break. */
const URL_TEXT = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
/** Filled values have fixed shapes (a UUID, a UUID, 8 digits): these stand for every real one. */
const SAMPLES: ResetLinkValues[] = [
  { UserID: "00000000-0000-4000-8000-000000000001", OrgID: "00000000-0000-4000-8000-000000000002", Code: "12345678" },
  { UserID: "ffffffff-ffff-4fff-bfff-ffffffffffff", OrgID: "eeeeeeee-eeee-4eee-beee-eeeeeeeeeeee", Code: "00000443" },
];
/** A host name: dot-separated labels of letters, digits, hyphens (not at either end) and underscores. */
const HOST_NAME = /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

function fill(template: string, values: ResetLinkValues): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name as keyof ResetLinkValues]);
}

/** The host exactly as a link writes it, lowercased: after `//` and any `user@`, before a port, path, query or fragment. */
function writtenHost(link: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(link)?.[1] ?? "";
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  const end = host.startsWith("[") ? host.indexOf("]") + 1 : host.includes(":") ? host.indexOf(":") : host.length;
  return host.slice(0, end).toLowerCase();
}

/**
 * Why a reset link template can not be used, or null. Placeholders may stand anywhere, the host
 * included: what they are filled with (UUIDs and digits) can not add text or change the URL's
 * structure. Filled in, it must be an absolute http(s) URL without credentials whose host is a
 * plain host name or IP address, taken as written (the URL parser does not have to reinterpret
 * it, as it would `0x7f.1` or an all-digit name), and made of URL characters only, so it can not
 * add text to a message.
 */
export function resetLinkTemplateProblem(template: string): string | null {
  for (const m of template.matchAll(PLACEHOLDER))
    if (!(RESET_LINK_PLACEHOLDERS as readonly string[]).includes(m[1]!))
      return `unknown placeholder {{.${m[1]}}}; use ${RESET_LINK_PLACEHOLDERS.map((p) => `{{.${p}}}`).join(", ")}`;
  const text = template.replace(PLACEHOLDER, "");
  if (text.includes("{{") || text.includes("}}")) return `placeholders are written {{.Code}}; use ${RESET_LINK_PLACEHOLDERS.join(", ")}`;
  if (!URL_TEXT.test(text)) return "must contain only URL characters (no spaces, quotes, line breaks or non-ASCII letters)";
  for (const sample of SAMPLES) {
    const link = fill(template, sample);
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return "must be an absolute http(s) URL once its placeholders are filled in";
    }
    if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname)
      return "must be an absolute http(s) URL once its placeholders are filled in";
    if (url.username || url.password) return "must not carry a user name or password";
    const host = writtenHost(link);
    if (host !== url.hostname || !(HOST_NAME.test(host) || host.startsWith("[")))
      return "must name a valid host (a host name or an IP address, as written) once its placeholders are filled in";
  }
  return null;
}

/**
 * The link a reset message carries: the caller's template filled in, or this installation's own
 * /reset page (from LATCHKEY_PUBLIC_URL, never a request's Host header). Our own link keeps the
 * code in the fragment, which browsers never send to a server, so it reaches no access log.
 */
export function resetLink(publicUrl: string, template: string | undefined, values: ResetLinkValues & { orgAlias: string }): string {
  if (template !== undefined) return fill(template, values);
  const fragment = new URLSearchParams({ org: values.orgAlias, code: values.Code });
  return `${publicUrl}/reset#${fragment.toString()}`;
}
