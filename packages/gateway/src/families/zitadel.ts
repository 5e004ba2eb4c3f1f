// ZITADEL (docs/vendors/zitadel.md): grpc-gateway error bodies with a zitadel.v1.ErrorDetail and the
// org named by x-zitadel-orgid. Bodies are proto3 JSON, read by each route's message (zitadel/protoBody).
import { z } from "zod";
import { errorHeaders } from "../edgeError";
import type { Family } from "../family";
import { grpcCodeOf, grpcHttpStatus } from "../grpcCodes";
import { assertUtf8Charset, jsonResponse, parseJson, parseMediaType } from "../http";
import { RuleViolation } from "../zitadel/validateRules";

const ERROR_DETAIL_TYPE = "type.googleapis.com/zitadel.v1.ErrorDetail";

const zitadelError = z
  .object({
    code: z.number().int(),
    message: z.string(),
    details: z
      .array(z.object({ "@type": z.literal(ERROR_DETAIL_TYPE), id: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Absent when the request broke one of the message's validate.rules" }),
  })
  .meta({ id: "ZitadelError" });

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
    // ZITADEL's gateway registers its JSON marshaler for the MIME wildcard, so it reads every body
    // as JSON whatever the Content-Type says (`curl -d '{…}'` sends a form type and works there).
    // Only a declared charset other than UTF-8 is refused: the body is decoded as UTF-8.
    assertUtf8Charset(parseMediaType(contentType));
    // grpc-gateway reads an empty body as an empty message: its validate.rules then speak.
    return raw.trim() === "" ? {} : parseJson(raw);
  },
  ok: (status, body) => jsonResponse(status, body),
  error(err) {
    const status = statusOf(err);
    const code = grpcCodeOf(err);
    // ZITADEL's gateway marshals the status without EmitUnpopulated: a rule violation's empty
    // details list is left out of the body, not sent as [].
    const body =
      err instanceof RuleViolation
        ? { code, message: err.message }
        : { code, message: err.message, details: [{ "@type": ERROR_DETAIL_TYPE, id: `LATCHKEY-${err.code}`, message: err.message }] };
    return jsonResponse(status, body, errorHeaders(err, status));
  },
  statusOf,
  openapi: {
    // Any media type is read as JSON (readBody above); "*/*" says so.
    requestTypes: ["application/json", "*/*"],
    responseTypes: ["application/json"],
    errorSchema: zitadelError,
    errorStatuses: [400, 401, 403, 404, 405, 409, 413, 429, 500, 503, 504],
    headers: [{ name: "x-zitadel-orgid", description: "The organization to act in (default: the token's own)" }],
  },
};
