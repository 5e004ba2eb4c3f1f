// ZITADEL (docs/vendors/zitadel.md): grpc-gateway error bodies with a zitadel.v1.ErrorDetail, the org named
// by x-zitadel-orgid, and protojson's habit of accepting snake_case and camelCase field names.
import { z } from "zod";
import { errorHeaders, invalidRequest } from "../edgeError";
import type { Family } from "../family";
import { grpcCodeOf, grpcHttpStatus } from "../grpcCodes";
import { assertUtf8, jsonResponse, parseJson, parseMediaType } from "../http";

export const ERROR_DETAIL_TYPE = "type.googleapis.com/zitadel.v1.ErrorDetail";

export const zitadelError = z
  .object({
    code: z.number().int(),
    message: z.string(),
    details: z.array(z.object({ "@type": z.literal(ERROR_DETAIL_TYPE), id: z.string(), message: z.string() })),
  })
  .meta({ id: "ZitadelError" });

/** protojson accepts `no_change_required` for `noChangeRequired`; naming one field twice is refused. */
export function camelizeKeys(value: unknown, path = "", depth = 0): unknown {
  // No ZITADEL body nests deeper than a few levels; a deeper one is a mistake, not a stack to overflow.
  if (depth > 16) throw invalidRequest("The request body is nested too deeply.");
  if (Array.isArray(value)) return value.map((v, i) => camelizeKeys(v, `${path}[${i}].`, depth + 1));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const camel = k.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    if (camel in out) throw invalidRequest(`${path}${camel} is given twice.`, `${path}${camel}`);
    out[camel] = camelizeKeys(v, `${path}${camel}.`, depth + 1);
  }
  return out;
}

// FAILED_PRECONDITION (an archived user) is 400 in ZITADEL's gateway (docs/vendors/zitadel.md).
const statusOf = (err: Parameters<typeof grpcCodeOf>[0]) => grpcHttpStatus(err, 400);

export const zitadel: Family = {
  name: "zitadel",
  title: "ZITADEL",
  meta({ headers }) {
    const org = headers.get("x-zitadel-orgid");
    return org ? { org: { guid: org.trim().slice(0, 100) } } : {};
  },
  readBody(raw, contentType) {
    const media = parseMediaType(contentType);
    if (media && media.type !== "application/json")
      throw invalidRequest(`Content type ${media.type} is not supported; send application/json.`);
    assertUtf8(media);
    if (raw.trim() === "") throw invalidRequest("A request body is required.");
    return camelizeKeys(parseJson(raw));
  },
  ok: (status, body) => jsonResponse(status, body),
  error(err) {
    const status = statusOf(err);
    const code = grpcCodeOf(err);
    const body = {
      code,
      message: err.message,
      details: [{ "@type": ERROR_DETAIL_TYPE, id: `LATCHKEY-${err.code}`, message: err.message }],
    };
    return jsonResponse(status, body, errorHeaders(err, status));
  },
  statusOf,
  openapi: {
    requestTypes: ["application/json"],
    responseTypes: ["application/json"],
    errorSchema: zitadelError,
    errorStatuses: [400, 401, 403, 404, 405, 409, 413, 429, 500, 503, 504],
    headers: [{ name: "x-zitadel-orgid", description: "The organization to act in (default: the token's own)" }],
  },
};
