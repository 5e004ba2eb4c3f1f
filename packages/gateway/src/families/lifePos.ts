// LIFE POS (docs/vendors/life-pos.md): {code, message, info} errors with messages in the caller's
// language, X-LP-* client headers recorded in the audit event, JSON bodies in four types.
import { z } from "zod";
import type { DomainError } from "@latchkey/api";
import { edgeOf, errorHeaders, invalidRequest } from "../edgeError";
import type { Family, FamilyRequest } from "../family";
import { jsonResponse, readJsonBody, type JsonBodies } from "../http";
import { LIFE_POS_MESSAGES, pickLanguage } from "../lifePosMessages";
import { LIFE_POS_ERROR_CODES, lifePosCodeOf, lifePosStatus } from "./lifePosCodes";

const CLIENT_TYPES = ["Unknown", "App", "WebApp", "Service", "Android"] as const;

/** The X-LP client headers and the audit keys they are recorded under. */
const CLIENT_HEADERS: Record<string, string> = {
  "x-lp-client-identifier": "clientIdentifier",
  "x-lp-client-type": "clientType",
  "x-lp-client-name": "clientName",
  "x-lp-client-os-name": "clientOsName",
  "x-lp-client-os-version": "clientOsVersion",
  "x-lp-client-screen-resolution": "clientScreenResolution",
  "x-lp-client-model": "clientModel",
  "x-lp-client-extensions": "clientExtensions",
  "x-lp-client-depersonalized-extensions": "clientDepersonalizedExtensions",
};

/** application/json, text/json, application/json-patch+json and any application/*+json, as the vendor lists them; bodies may be empty. */
const LIFE_POS_BODIES: JsonBodies = {
  accepts: (t) => t === "application/json" || t === "text/json" || /^application\/[\w.-]+\+json$/.test(t),
  expected: "JSON",
  optional: true,
};

const lifePosError = z
  .object({
    code: z.enum(LIFE_POS_ERROR_CODES),
    message: z.string(),
    info: z.string().nullable(),
  })
  .meta({ id: "LifePosError" });

function statusOf(err: DomainError): number {
  const edge = edgeOf(err);
  if (edge?.edge === "tooLarge") return 413;
  if (edge?.edge === "methodNotAllowed") return 405;
  if (err.code === "ServiceUnavailable") return 503;
  return lifePosStatus(lifePosCodeOf(err.code));
}

export const lifePos: Family = {
  name: "lifePos",
  title: "LIFE POS",
  meta({ headers }) {
    const client: Record<string, string> = {};
    for (const [header, key] of Object.entries(CLIENT_HEADERS)) {
      const v = headers.get(header);
      if (v) client[key] = v.slice(0, 256);
    }
    if (client["clientType"] !== undefined && !(CLIENT_TYPES as readonly string[]).includes(client["clientType"])) {
      throw invalidRequest(`X-LP-Client-Type must be one of ${CLIENT_TYPES.join(", ")}.`, "X-LP-Client-Type");
    }
    const alias = headers.get("x-lp-organization-alias");
    return {
      ...(Object.keys(client).length ? { client } : {}),
      ...(alias ? { org: { alias: alias.trim().toLowerCase().slice(0, 100) } } : {}),
    };
  },
  readBody: (raw, contentType) => readJsonBody(raw, contentType, LIFE_POS_BODIES),
  ok: (status, body) => jsonResponse(status, body),
  error(err, req: FamilyRequest) {
    const status = statusOf(err);
    const lang = pickLanguage(req.headers.get("accept-language"));
    const body = {
      code: lifePosCodeOf(err.code),
      message: LIFE_POS_MESSAGES[err.code][lang],
      info: err.message && err.message !== LIFE_POS_MESSAGES[err.code].en ? err.message : null,
    };
    return jsonResponse(status, body, { "content-language": lang, ...errorHeaders(err, status) });
  },
  statusOf,
  openapi: {
    requestTypes: ["application/json", "text/json", "application/json-patch+json", "application/*+json"],
    responseTypes: ["application/json"],
    errorSchema: lifePosError,
    errorStatuses: [401, 403, 404, 405, 413, 422, 429, 500],
    headers: [
      { name: "X-LP-Client-Identifier", description: "Client identifier (recorded in the audit event)" },
      { name: "X-LP-Client-Type", description: "Client type", enum: CLIENT_TYPES },
      { name: "X-LP-Client-Name", description: "Client name" },
      { name: "X-LP-Client-OS-Name", description: "Client OS name" },
      { name: "X-LP-Client-OS-Version", description: "Client OS version" },
      { name: "X-LP-Client-Screen-Resolution", description: "Client screen resolution" },
      { name: "X-LP-Client-Model", description: "Client hardware model" },
      { name: "X-LP-Organization-Alias", description: "Organization alias (must match the organization in the path)" },
      { name: "X-LP-Client-Extensions", description: "Model extensions the client supports" },
      { name: "X-LP-Client-Depersonalized-Extensions", description: "Depersonalized extensions" },
      { name: "Accept-Language", description: "Language of `message`: ru or en (default en)" },
    ],
  },
};
