// /openapi.json: OpenAPI 3.1 generated from the route table and its zod schemas, so the
// document can not drift from what the handler accepts and writes.
import { z } from "zod";
import type { Family } from "./family";
import type { Route } from "./route";
import { protoBodyJsonSchema } from "./zitadel/protoBody";

type Json = Record<string, unknown>;

/**
 * A zod schema as JSON Schema. Schemas named with `.meta({ id })` come back in a local `$defs`;
 * inside an OpenAPI document `#/$defs/…` would resolve against the document root, so they are
 * hoisted into `components.schemas` (`defs`) and their refs rewritten to point there.
 */
function jsonSchema(schema: z.ZodType, io: "input" | "output", defs: Record<string, Json>): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as Json;
  delete out["$schema"];
  delete out["id"];
  const hoist = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(hoist);
    if (node === null || typeof node !== "object") return node;
    const copy: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$defs") {
        for (const [name, def] of Object.entries(v as Json)) defs[name] = hoist(def) as Json;
      } else if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
        copy[k] = `#/components/schemas/${v.slice("#/$defs/".length)}`;
      } else copy[k] = hoist(v);
    }
    return copy;
  };
  return hoist(out) as Json;
}

const PATH_PARAM: Record<string, Json> = {
  org_guid: { type: "string", format: "uuid" },
  employee_guid: { type: "string", format: "uuid" },
  workplace_guid: { type: "string", format: "uuid" },
  user_id: { type: "string", format: "uuid", description: "The employee's guid" },
  id: { type: "integer", minimum: 1, description: "The employee's integer id" },
};

/** Each family's error envelope is a named schema (`.meta({ id })`): LifePosError, F5Error, … */
const errorName = (f: Family) => (z.globalRegistry.get(f.openapi.errorSchema)?.id as string | undefined) ?? `${f.name}Error`;
const errorRef = (f: Family) => `#/components/schemas/${errorName(f)}`;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Client Error",
  429: "Too Many Requests (with Retry-After)",
  500: "Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const EXPENSES_EXAMPLES: Record<string, string> = {
  "application/json": '"s3cret-New-passw0rd"',
  "text/json": '"s3cret-New-passw0rd"',
  "application/xml": '<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">s3cret-New-passw0rd</string>',
  "text/xml": '<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">s3cret-New-passw0rd</string>',
  "application/x-www-form-urlencoded": "=s3cret-New-passw0rd",
};

function operation(route: Route, defs: Record<string, Json>): Json {
  const f = route.family;
  const parameters: Json[] = [
    ...route.paramNames.map((name) => ({ name, in: "path", required: true, schema: PATH_PARAM[name] ?? { type: "string" } })),
    ...f.openapi.headers.map((h) => ({
      name: h.name,
      in: "header",
      required: false,
      description: h.description,
      schema: h.enum ? { type: "string", enum: [...h.enum] } : { type: "string" },
    })),
    {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Retrying with the same key and request replays the stored success instead of running again (24 h).",
      schema: { type: "string", maxLength: 255 },
    },
  ];
  const proto = protoBodyJsonSchema(route.body, defs);
  const bodySchema = proto ?? jsonSchema(route.body, "input", defs);
  const requestBody = {
    // A proto body may be empty (grpc-gateway reads it as an empty message).
    required: proto ? false : !route.body.safeParse(undefined).success,
    content: Object.fromEntries(
      f.openapi.requestTypes.map((t) => [
        t,
        f.name === "expenses"
          ? {
              schema: t.includes("form") ? { type: "string", description: "=<password> or newPassword=<password>" } : bodySchema,
              example: EXPENSES_EXAMPLES[t],
            }
          : { schema: bodySchema },
      ]),
    ),
  };
  const responses: Json = {
    [route.success.status]: route.success.schema
      ? {
          description: route.success.description,
          content: Object.fromEntries(
            f.openapi.responseTypes.map((t) => [t, { schema: jsonSchema(route.success.schema!, "output", defs) }]),
          ),
        }
      : { description: route.success.description },
  };
  for (const status of f.openapi.errorStatuses) {
    if (route.auth === "none" && (status === 401 || status === 403)) continue;
    responses[status] = {
      description: STATUS_TEXT[status] ?? "Error",
      ...(status === 429 ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } } } : {}),
      ...(status === 405 ? { headers: { Allow: { schema: { type: "string" } } } } : {}),
      content: Object.fromEntries(f.openapi.responseTypes.map((t) => [t, { schema: { $ref: errorRef(f) } }])),
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `Adapter onto the tRPC procedure \`${route.procedure}\`.`,
    tags: [f.title],
    security: route.auth === "bearer" ? [{ bearerAuth: [] }] : [],
    parameters,
    requestBody,
    responses,
  };
}

export function buildOpenApi(routes: readonly Route[]): Json {
  const paths: Record<string, Json> = {};
  const defs: Record<string, Json> = {};
  const families = new Map<string, Family>();
  for (const r of routes) {
    (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r, defs);
    families.set(r.family.name, r.family);
  }
  for (const f of families.values()) {
    const schema = jsonSchema(f.openapi.errorSchema, "output", defs);
    // A named schema comes back as a bare $ref to its hoisted self.
    if (schema["$ref"] !== errorRef(f)) defs[errorName(f)] = schema;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Latchkey REST APIs",
      version: "0.1.0",
      description:
        "The documented REST APIs (LIFE POS, F5 Distributed Cloud, Expenses, ZITADEL), each an adapter onto the typed tRPC core. " +
        "Bodies are UTF-8 and at most 64 KiB; unknown JSON fields are refused.",
    },
    servers: [{ url: "/" }],
    tags: [...families.values()].map((f) => ({ name: f.title })),
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API token (lk_…)" } },
      schemas: defs,
    },
    paths,
  };
}
