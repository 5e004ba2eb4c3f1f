// F5 Distributed Cloud (docs/vendors/f5-distributed-cloud.md): {code: <gRPC number>, message, details: []} errors; an
// archived user is a conflict (409), delivery trouble is 503, a deadline 504.
import { z } from "zod";
import { errorHeaders } from "../edgeError";
import type { Family } from "../family";
import { grpcCodeOf, grpcHttpStatus } from "../grpcCodes";
import { APPLICATION_JSON_ONLY, jsonResponse, readJsonBody } from "../http";

const f5Error = z.object({ code: z.number().int(), message: z.string(), details: z.array(z.unknown()) }).meta({ id: "F5Error" });

const statusOf = (err: Parameters<typeof grpcCodeOf>[0]) => grpcHttpStatus(err, 409);

export const f5: Family = {
  name: "f5",
  title: "F5 Distributed Cloud",
  meta: () => ({}),
  readBody: (raw, contentType) => readJsonBody(raw, contentType, APPLICATION_JSON_ONLY),
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
