// Small HTTP helpers shared by the families: responses, content types, body reading.
import { invalidRequest, MAX_BODY_BYTES, tooLarge } from "./edgeError";

/** Every REST response may carry a code or a secret: none is ever cached. */
const BASE_HEADERS = { "cache-control": "no-store" };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}, type = "application/json"): Response {
  if (status === 204) return new Response(null, { status, headers: { ...BASE_HEADERS, ...headers } });
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, "content-type": `${type}; charset=utf-8`, ...headers },
  });
}

export function textResponse(status: number, body: string, type: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...BASE_HEADERS, "content-type": `${type}; charset=utf-8`, ...headers } });
}

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseMediaType(header: string | null | undefined): MediaType | null {
  if (!header) return null;
  const [type, ...rest] = header.split(";");
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf("=");
    if (i > 0)
      params[p.slice(0, i).trim().toLowerCase()] = p
        .slice(i + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1");
  }
  return { type: type!.trim().toLowerCase(), params };
}

/**
 * Bodies are UTF-8: any other declared charset is refused as the family's validation error, and
 * so is any other parameter (none of our media types defines one).
 */
export function assertUtf8(media: MediaType | null): void {
  assertUtf8Charset(media);
  if (media && Object.keys(media.params).some((k) => k !== "charset"))
    throw invalidRequest("Content-Type parameters other than charset are not accepted.");
}

/**
 * Reads at most 64 KiB: a larger Content-Length is refused before reading, and a body without
 * one (chunked) is counted as it streams so it can never grow past the limit in memory.
 */
export async function readBody(req: Request): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalidRequest("The request body is not valid UTF-8.");
  }
}

/** A declared charset other than UTF-8 is refused as the family's validation error; other parameters are not looked at. */
export function assertUtf8Charset(media: MediaType | null): void {
  const cs = media?.params["charset"]?.toLowerCase();
  if (cs !== undefined && cs !== "utf-8" && cs !== "utf8") throw invalidRequest("Request bodies must be UTF-8.");
}

/** The media types a JSON family accepts, and whether its bodies may be empty. */
export interface JsonBodies {
  accepts(type: string): boolean;
  /** What to tell a caller who sent another type ("application/json", "JSON"). */
  expected: string;
  /** An empty body reads as undefined (its route's schema decides) instead of being refused. */
  optional?: boolean;
}

export const APPLICATION_JSON_ONLY: JsonBodies = { accepts: (t) => t === "application/json", expected: "application/json" };

/** The body reader of every JSON family: content type, charset, presence, then JSON. */
export function readJsonBody(raw: string, contentType: string | null, bodies: JsonBodies): unknown {
  const media = parseMediaType(contentType);
  const empty = raw.trim() === "";
  if (empty && bodies.optional) return undefined;
  if (media && !bodies.accepts(media.type)) throw invalidRequest(`Content type ${media.type} is not supported; send ${bodies.expected}.`);
  assertUtf8(media);
  if (empty) throw invalidRequest("A request body is required.");
  return parseJson(raw);
}

/** JSON.parse whose failure is the caller's mistake, not ours. */
export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidRequest("The request body is not valid JSON.");
  }
}
