// F5 Distributed Cloud (docs/vendors/f5-distributed-cloud.md): {code: <gRPC number>, message, details: []} errors; an
// archived user is a conflict (409), delivery trouble is 503, a deadline 504.
import { z } from "zod";
import { errorHeaders, invalidRequest } from "../edgeError";
import type { Family } from "../family";
import { grpcCodeOf, grpcHttpStatus } from "../grpcCodes";
import { assertUtf8, jsonResponse, parseJson, parseMediaType } from "../http";

export const f5Error = z.object({ code: z.number().int(), message: z.string(), details: z.array(z.unknown()) }).meta({ id: "F5Error" });

const statusOf = (err: Parameters<typeof grpcCodeOf>[0]) => grpcHttpStatus(err, 409);

export const f5: Family = {
  name: "f5",
  title: "F5 Distributed Cloud",
  meta: () => ({}),
  readBody(raw, contentType) {
    const media = parseMediaType(contentType);
    if (media && media.type !== "application/json")
      throw invalidRequest(`Content type ${media.type} is not supported; send application/json.`);
    assertUtf8(media);
    if (raw.trim() === "") throw invalidRequest("A request body is required.");
    return parseJson(raw);
  },
  ok: (status, body) => jsonResponse(status, body),
  error(err) {
    const status = statusOf(err);
    return jsonResponse(status, { code: grpcCodeOf(err), message: err.message, details: [] }, errorHeaders(err, status));
  },
  statusOf,
  openapi: {
    requestTypes: ["application/json"],
    responseTypes: ["application/json"],
    errorSchema: f5Error,
    errorStatuses: [400, 401, 403, 404, 405, 409, 413, 429, 500, 503, 504],
    headers: [],
  },
};
