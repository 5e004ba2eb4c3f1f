// The one proto3 JSON reader of the ZITADEL family, driven by the vendor's own descriptors
// (@zitadel/proto), as grpc-gateway's protojson reads a body: lowerCamel json names and the
// original proto names alike, `null` for a field means its default, enums by name or number,
// 64-bit integers as strings or numbers. Unlike ZITADEL's gateway (which discards them), unknown
// fields are refused: the published OpenAPI says `additionalProperties: false`.
import {
  fromJson,
  ScalarType,
  type DescField,
  type DescMessage,
  type DescOneof,
  type JsonValue,
  type MessageShape,
} from "@bufbuild/protobuf";
import { invalidRequest } from "../edgeError";

/** No ZITADEL request nests deeper than a few messages; a deeper body is a mistake, not a stack to overflow. */
const MAX_DEPTH = 16;

/** Well-known types keep their own JSON forms (a Timestamp is a string); fromJson reads those. */
const wellKnown = (m: DescMessage) => m.typeName.startsWith("google.protobuf.");
/** The two types for which `null` is a value rather than "unset". */
const keepsNull = (f: DescField) =>
  (f.fieldKind === "message" && f.message.typeName === "google.protobuf.Value") ||
  (f.fieldKind === "enum" && f.enum.typeName === "google.protobuf.NullValue");

const isObject = (v: unknown): v is Record<string, JsonValue> => v !== null && typeof v === "object" && !Array.isArray(v);

function fieldByKey(desc: DescMessage, key: string): DescField | undefined {
  return desc.fields.find((f) => f.jsonName === key || f.name === key);
}

/**
 * Checks the structure fromJson does not (or not as protojson does) and returns the body with
 * its nulls dropped: every key names a field, no field is given twice (under either name), a
 * oneof has at most one member set (a null member does not count), objects are objects.
 */
function normalize(desc: DescMessage, json: unknown, path: string, depth: number): Record<string, JsonValue> {
  if (depth > MAX_DEPTH) throw invalidRequest("The request body is nested too deeply.");
  if (!isObject(json)) throw invalidRequest(`${path || "The request body"} must be a JSON object.`, path || undefined);
  const out: Record<string, JsonValue> = {};
  const seen = new Map<number, string>();
  const oneofs = new Map<DescOneof, string>();
  for (const [key, value] of Object.entries(json)) {
    const field = fieldByKey(desc, key);
    const at = path ? `${path}.${key}` : key;
    if (!field) throw invalidRequest(`${at}: unknown field`, at);
    const earlier = seen.get(field.number);
    if (earlier !== undefined) throw invalidRequest(`${at}: the field is given twice (also as ${earlier})`, at);
    seen.set(field.number, key);
    if (value === null && !keepsNull(field)) continue;
    if (field.oneof) {
      const other = oneofs.get(field.oneof);
      if (other !== undefined) throw invalidRequest(`${at}: give only one of ${other} and ${key}`, at);
      oneofs.set(field.oneof, key);
    }
    out[key] = nested(field, value, at, depth);
  }
  return out;
}

function messageOf(field: DescField): DescMessage | undefined {
  if (field.fieldKind === "message") return field.message;
  if (field.fieldKind === "list" && field.listKind === "message") return field.message;
  if (field.fieldKind === "map" && field.mapKind === "message") return field.message;
  return undefined;
}

/** Message-typed values (singular, list items, map values) are normalized in turn. */
function nested(field: DescField, value: JsonValue, at: string, depth: number): JsonValue {
  const desc = messageOf(field);
  if (!desc || wellKnown(desc)) return value;
  if (field.fieldKind === "list") {
    if (!Array.isArray(value)) throw invalidRequest(`${at}: must be a JSON array`, at);
    return value.map((v, i) => normalize(desc, v, `${at}[${i}]`, depth + 1));
  }
  if (field.fieldKind === "map") {
    if (!isObject(value)) throw invalidRequest(`${at}: must be a JSON object`, at);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(desc, v, `${at}.${k}`, depth + 1)]));
  }
  return normalize(desc, value, at, depth + 1);
}

const SCALAR_WORDS: Partial<Record<ScalarType, string>> = {
  [ScalarType.DOUBLE]: "a number",
  [ScalarType.FLOAT]: "a number",
  [ScalarType.INT64]: "an integer (a number or a decimal string)",
  [ScalarType.SINT64]: "an integer (a number or a decimal string)",
  [ScalarType.SFIXED64]: "an integer (a number or a decimal string)",
  [ScalarType.UINT64]: "a non-negative integer (a number or a decimal string)",
  [ScalarType.FIXED64]: "a non-negative integer (a number or a decimal string)",
  [ScalarType.INT32]: "a 32-bit integer",
  [ScalarType.SINT32]: "a 32-bit integer",
  [ScalarType.SFIXED32]: "a 32-bit integer",
  [ScalarType.UINT32]: "a non-negative 32-bit integer",
  [ScalarType.FIXED32]: "a non-negative 32-bit integer",
  [ScalarType.BOOL]: "true or false",
  [ScalarType.STRING]: "a string",
  [ScalarType.BYTES]: "base64 bytes",
};

function expected(field: DescField): string {
  switch (field.fieldKind) {
    case "scalar":
      return SCALAR_WORDS[field.scalar] ?? "a valid value";
    case "enum":
      return "an enum name or number";
    case "message":
      return field.message.typeName === "google.protobuf.Timestamp" ? "an RFC 3339 date" : "a JSON object";
    case "list":
      return "a JSON array of valid items";
    case "map":
      return "a JSON object of valid entries";
  }
}

/** The first field whose value fromJson refuses, found one key at a time (only on the error path). */
function locate(desc: DescMessage, json: Record<string, JsonValue>, path: string): { field: DescField; path: string } | null {
  for (const [key, value] of Object.entries(json)) {
    try {
      fromJson(desc, { [key]: value });
      continue;
    } catch {
      const field = fieldByKey(desc, key)!;
      const at = path ? `${path}.${field.jsonName}` : field.jsonName;
      const inner = field.fieldKind === "message" && !wellKnown(field.message) && isObject(value) ? locate(field.message, value, at) : null;
      return inner ?? { field, path: at };
    }
  }
  return null;
}

/** Proto names of the fields a JSON body gave (not null), per decoded message, nested ones included. */
const given = new WeakMap<object, ReadonlySet<string>>();

/** Which fields the JSON named: proto3 can not tell `false` from absent, the body can. Undefined for other wires. */
export function givenFields(message: object): ReadonlySet<string> | undefined {
  return given.get(message);
}

function recordGiven(desc: DescMessage, json: Record<string, JsonValue>, message: Record<string, unknown>): void {
  const names = new Set<string>();
  for (const [key, value] of Object.entries(json)) {
    const field = fieldByKey(desc, key)!;
    names.add(field.name);
    if (field.fieldKind !== "message" || wellKnown(field.message)) continue;
    const holder = field.oneof ? (message[field.oneof.localName] as { value?: unknown }).value : message[field.localName];
    if (holder && typeof holder === "object")
      recordGiven(field.message, value as Record<string, JsonValue>, holder as Record<string, unknown>);
  }
  given.set(message, names);
}

/**
 * Decodes a JSON body into the vendor's request message. Every refusal is RequestIsNotValid
 * (InvalidArgument, 400/3) naming the field and never repeating its value (it may be a password).
 */
export function decodeProtoJson<D extends DescMessage>(desc: D, json: unknown): MessageShape<D> {
  const clean = normalize(desc, json, "", 0);
  let message: MessageShape<D>;
  try {
    message = fromJson(desc, clean);
  } catch {
    // fromJson's own messages quote the value (maybe a password): say which field and what it takes.
    const bad = locate(desc, clean, "");
    if (bad) throw invalidRequest(`${bad.path}: must be ${expected(bad.field)}`, bad.path);
    throw invalidRequest("The request body does not match the request message.");
  }
  recordGiven(desc, clean, message as unknown as Record<string, unknown>);
  return message;
}
