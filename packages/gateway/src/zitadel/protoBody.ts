// A route body read as one of the vendor's request messages: the zod schema the route table
// wants, backed by the proto3 JSON decoder, and a JSON Schema for /openapi.json derived from the
// same descriptor (so the document lists exactly the fields the decoder accepts).
import { getOption, hasOption, ScalarType, type DescField, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { rules as validateRules } from "@zitadel/proto/validate/validate_pb.js";
import { z } from "zod";
import { decodeProtoJson } from "./protoJson";

type Json = Record<string, unknown>;

const bodies = new WeakMap<z.ZodType, { desc: DescMessage; fromPath: readonly string[] }>();

/**
 * `fromPath`: fields the path carries (`user_id`). A body may still name them, as grpc-gateway
 * allows, but the path's value wins, so the document lists them without their limits.
 */
export function protoBody<D extends DescMessage>(desc: D, fromPath: readonly string[] = []): z.ZodType<MessageShape<D>> {
  const schema = z.unknown().transform((json) => decodeProtoJson(desc, json));
  bodies.set(schema, { desc, fromPath });
  return schema as unknown as z.ZodType<MessageShape<D>>;
}

const SCALAR_SCHEMA: Partial<Record<ScalarType, Json>> = {
  [ScalarType.STRING]: { type: "string" },
  [ScalarType.BOOL]: { type: "boolean" },
  [ScalarType.DOUBLE]: { type: "number" },
  [ScalarType.FLOAT]: { type: "number" },
  [ScalarType.INT32]: { type: "integer", format: "int32" },
  [ScalarType.UINT32]: { type: "integer", format: "int64", minimum: 0 },
  [ScalarType.INT64]: {
    oneOf: [{ type: "string", pattern: "^-?\\d+$" }, { type: "integer" }],
    description: "int64 (a decimal string or a number)",
  },
  [ScalarType.UINT64]: {
    oneOf: [
      { type: "string", pattern: "^\\d+$" },
      { type: "integer", minimum: 0 },
    ],
    description: "uint64 (a decimal string or a number)",
  },
  [ScalarType.BYTES]: { type: "string", contentEncoding: "base64" },
};

/** What the descriptors can not say (npm's copies carry no comments): the fields whose use is ours to explain. */
const NOTES: Record<string, string> = {
  "zitadel.user.v2.SendPasswordResetLink.url_template":
    "The link the message carries instead of this installation's /reset page. Placeholders {{.UserID}}, {{.OrgID}} and " +
    "{{.Code}}, anywhere; once filled in it must be an absolute http(s) URL without credentials whose host is a host name or an IP address.",
  "zitadel.user.v2.SendPasswordResetLink.notification_type": "Email (the default) or SMS.",
  "zitadel.user.v2.SetPasswordRequest.verification_code": "A code from password_reset (returnCode or the message).",
};

function fieldSchema(field: DescField, defs: Record<string, Json>): Json {
  const note = NOTES[`${field.parent.typeName}.${field.name}`];
  const schema = fieldShape(field, defs);
  return note ? { ...schema, description: note } : schema;
}

function fieldShape(field: DescField, defs: Record<string, Json>): Json {
  const rules = hasOption(field, validateRules) ? getOption(field, validateRules).type : undefined;
  const lengths: Json = rules?.case === "string" ? { minLength: Number(rules.value.minLen), maxLength: Number(rules.value.maxLen) } : {};
  if (rules?.case === "string" && !rules.value.maxLen) delete lengths["maxLength"];
  if (rules?.case === "string" && !rules.value.minLen) delete lengths["minLength"];
  switch (field.fieldKind) {
    case "scalar":
      return { ...(SCALAR_SCHEMA[field.scalar] ?? {}), ...lengths };
    case "enum":
      return {
        oneOf: [
          { type: "string", enum: field.enum.values.map((v) => v.name) },
          { type: "integer", enum: field.enum.values.map((v) => v.number) },
        ],
        description: `${field.enum.name}: by name or by number`,
      };
    case "message":
      return messageRef(field.message, defs);
    case "list":
      return { type: "array", items: field.listKind === "message" ? messageRef(field.message, defs) : {} };
    case "map":
      return { type: "object", additionalProperties: field.mapKind === "message" ? messageRef(field.message, defs) : {} };
  }
}

function messageRef(desc: DescMessage, defs: Record<string, Json>): Json {
  if (desc.typeName === "google.protobuf.Timestamp") return { type: "string", format: "date-time" };
  const name = desc.typeName.replace(/^zitadel\./, "").replace(/\./g, "_");
  if (!defs[name]) {
    defs[name] = {}; // placeholder first: a message may contain itself
    defs[name] = messageSchema(desc, [], defs);
  }
  return { $ref: `#/components/schemas/${name}` };
}

/** Every field may be null, which the decoder reads as its default (protoJson.ts). */
function nullable(schema: Json): Json {
  const { description, ...rest } = schema;
  return { ...(description ? { description } : {}), anyOf: [rest, { type: "null" }] };
}

const PATH_FIELD = "Read and ignored: the path's value wins.";

/**
 * A message as the decoder reads it: each field under its lowerCamel and its proto name (not
 * both at once), null for any field, nothing else.
 */
function messageSchema(desc: DescMessage, fromPath: readonly string[], defs: Record<string, Json>): Json {
  const properties: Json = {};
  const both: Json[] = [];
  for (const f of desc.fields) {
    const shape =
      fromPath.includes(f.name) && f.fieldKind === "scalar"
        ? { ...(SCALAR_SCHEMA[f.scalar] ?? {}), description: PATH_FIELD }
        : fieldSchema(f, defs);
    properties[f.jsonName] = nullable(shape);
    properties[f.name] = properties[f.jsonName];
    if (f.jsonName !== f.name) both.push({ required: [f.jsonName, f.name] });
  }
  const oneofs = desc.oneofs.filter((o) => !o.fields.some((f) => f.proto.proto3Optional));
  const note = oneofs.length
    ? ` At most one of each group may be non-null: ${oneofs.map((o) => o.fields.map((f) => f.jsonName).join(" | ")).join("; ")}.`
    : "";
  return {
    type: "object",
    description: `${desc.typeName} in proto3 JSON: lowerCamel or proto field names, null for a default, enums by name or number.${note}`,
    properties,
    additionalProperties: false,
    ...(both.length ? { not: { anyOf: both } } : {}),
  };
}

/** The JSON Schema of a proto-backed body, or null for a plain zod body. */
export function protoBodyJsonSchema(schema: z.ZodType, defs: Record<string, Json>): Json | null {
  const body = bodies.get(schema);
  return body ? messageSchema(body.desc, body.fromPath, defs) : null;
}
