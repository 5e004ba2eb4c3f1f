// The vendor's `validate.rules` (protoc-gen-validate), read from the descriptors of @zitadel/proto
// and enforced as ZITADEL's validation interceptor does: before the handler runs (so before any
// lookup), as InvalidArgument with protoc-gen-validate's wording. Rules are compiled once per
// message; a rule this file does not know fails at start-up rather than being skipped silently.
import { getOption, hasOption, isFieldSet, type DescField, type DescMessage, type Message } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import {
  rules as validateRules,
  BoolRulesSchema,
  EnumRulesSchema,
  StringRulesSchema,
  type BoolRules,
  type EnumRules,
  type MessageRules,
  type StringRules,
} from "@zitadel/proto/validate/validate_pb.js";
import { DomainError } from "@latchkey/api";

/**
 * A broken rule. ZITADEL's validation interceptor answers it with a bare InvalidArgument status
 * (protoc-gen-validate's message, no details), so the family and the RPC handler send no
 * ErrorDetail for it, unlike every other refusal.
 */
export class RuleViolation extends DomainError {
  constructor(message: string, field: string) {
    super("RequestIsNotValid", message, { field });
  }
}

/** A violation: protoc-gen-validate's reason, and the JSON path of the field. */
interface Violation {
  reason: string;
  path: string;
}

type FieldCheck = (r: ReflectMessage, path: string) => Violation | null;

const goName = (f: DescField) =>
  f.name
    .split("_")
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
const runes = (s: string) => [...s].length;
const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

function lengthReason(unit: string, min: bigint | null, max: bigint | null): string {
  if (min !== null && max !== null)
    return min === max ? `value length must be ${min} ${unit}` : `value length must be between ${min} and ${max} ${unit}, inclusive`;
  return min !== null ? `value length must be at least ${min} ${unit}` : `value length must be at most ${max} ${unit}`;
}

function stringCheck(r: StringRules): (v: string) => string | null {
  const has = (name: keyof typeof StringRulesSchema.field) => isFieldSet(r, StringRulesSchema.field[name]);
  if (r.wellKnown.case !== undefined) throw new Error(`validate.rules: string.${r.wellKnown.case} is not supported`);
  const minLen = has("minLen") ? r.minLen : null;
  const maxLen = has("maxLen") ? r.maxLen : null;
  const minBytes = has("minBytes") ? r.minBytes : null;
  const maxBytes = has("maxBytes") ? r.maxBytes : null;
  const pattern = has("pattern") ? new RegExp(r.pattern, "u") : null;
  return (v) => {
    if (r.ignoreEmpty && v === "") return null;
    if (has("const") && v !== r.const) return `value must equal ${JSON.stringify(r.const)}`;
    if (has("len") && BigInt(runes(v)) !== r.len) return `value length must be ${r.len} runes`;
    if ((minLen !== null && BigInt(runes(v)) < minLen) || (maxLen !== null && BigInt(runes(v)) > maxLen))
      return lengthReason("runes", minLen, maxLen);
    if (has("lenBytes") && BigInt(utf8Bytes(v)) !== r.lenBytes) return `value length must be ${r.lenBytes} bytes`;
    if ((minBytes !== null && BigInt(utf8Bytes(v)) < minBytes) || (maxBytes !== null && BigInt(utf8Bytes(v)) > maxBytes))
      return lengthReason("bytes", minBytes, maxBytes);
    if (pattern && !pattern.test(v)) return `value does not match regex pattern ${JSON.stringify(r.pattern)}`;
    if (has("prefix") && !v.startsWith(r.prefix)) return `value does not have prefix ${JSON.stringify(r.prefix)}`;
    if (has("suffix") && !v.endsWith(r.suffix)) return `value does not have suffix ${JSON.stringify(r.suffix)}`;
    if (has("contains") && !v.includes(r.contains)) return `value does not contain substring ${JSON.stringify(r.contains)}`;
    if (has("notContains") && v.includes(r.notContains)) return `value contains substring ${JSON.stringify(r.notContains)}`;
    if (r.in.length && !r.in.includes(v)) return `value must be in list [${r.in.join(" ")}]`;
    if (r.notIn.length && r.notIn.includes(v)) return `value must not be in list [${r.notIn.join(" ")}]`;
    return null;
  };
}

function boolCheck(r: BoolRules): (v: boolean) => string | null {
  const hasConst = isFieldSet(r, BoolRulesSchema.field.const);
  return (v) => (hasConst && v !== r.const ? `value must equal ${r.const}` : null);
}

function enumCheck(r: EnumRules, field: DescField): (v: number) => string | null {
  const values = field.enum ? new Set(field.enum.values.map((e) => e.number)) : new Set<number>();
  return (v) => {
    if (isFieldSet(r, EnumRulesSchema.field.const) && v !== r.const) return `value must equal ${r.const}`;
    if (r.definedOnly && !values.has(v)) return "value must be one of the defined enum values";
    if (r.in.length && !r.in.includes(v)) return `value must be in list [${r.in.join(" ")}]`;
    if (r.notIn.length && r.notIn.includes(v)) return `value must not be in list [${r.notIn.join(" ")}]`;
    return null;
  };
}

const compiled = new WeakMap<DescMessage, FieldCheck[]>();

function compile(desc: DescMessage): FieldCheck[] {
  const done = compiled.get(desc);
  if (done) return done;
  const checks: FieldCheck[] = [];
  compiled.set(desc, checks); // recursive messages see the (filling) list, not an endless compile
  for (const field of desc.fields) {
    const fr = hasOption(field, validateRules) ? getOption(field, validateRules) : null;
    const label = `${desc.name}.${goName(field)}`;
    const at = (path: string) => (path ? `${path}.${field.jsonName}` : field.jsonName);
    // Plain proto3 scalars are always judged (an absent string is ""); optional fields and oneof members only when set.
    const alwaysJudged = field.fieldKind === "scalar" || field.fieldKind === "enum" ? !field.proto.proto3Optional && !field.oneof : false;
    const rule = fr?.type;
    if (rule?.case === "string" && field.fieldKind === "scalar") {
      const check = stringCheck(rule.value);
      checks.push((r, path) => {
        if (!alwaysJudged && !r.isSet(field)) return null;
        const reason = check(r.get(field) as string);
        return reason ? { reason: `invalid ${label}: ${reason}`, path: at(path) } : null;
      });
    } else if (rule?.case === "bool" && field.fieldKind === "scalar") {
      const check = boolCheck(rule.value);
      checks.push((r, path) => {
        if (!alwaysJudged && !r.isSet(field)) return null;
        const reason = check(r.get(field) as boolean);
        return reason ? { reason: `invalid ${label}: ${reason}`, path: at(path) } : null;
      });
    } else if (rule?.case === "enum" && field.fieldKind === "enum") {
      const check = enumCheck(rule.value, field);
      checks.push((r, path) => {
        if (!alwaysJudged && !r.isSet(field)) return null;
        const reason = check(r.get(field) as number);
        return reason ? { reason: `invalid ${label}: ${reason}`, path: at(path) } : null;
      });
    } else if (rule?.case !== undefined) {
      throw new Error(`validate.rules: ${rule.case} rules on ${desc.typeName}.${field.name} are not supported`);
    }
    if (field.fieldKind === "message") {
      const m: MessageRules | undefined = fr?.message;
      const inner = field.message;
      checks.push((r, path) => {
        if (!r.isSet(field)) return m?.required ? { reason: `invalid ${label}: value is required`, path: at(path) } : null;
        if (m?.skip || inner.typeName.startsWith("google.protobuf.")) return null;
        const v = firstViolation(inner, r.get(field) as ReflectMessage, at(path));
        return v ? { reason: `invalid ${label}: embedded message failed validation | caused by: ${v.reason}`, path: v.path } : null;
      });
    } else if ((field.fieldKind === "list" || field.fieldKind === "map") && fr?.message?.required) {
      throw new Error(`validate.rules: required on ${desc.typeName}.${field.name} is not supported`);
    }
  }
  return checks;
}

function firstViolation(desc: DescMessage, r: ReflectMessage, path: string): Violation | null {
  for (const check of compile(desc)) {
    const v = check(r, path);
    if (v) return v;
  }
  return null;
}

/** Compiles a message's rules now (at start-up), so an unsupported rule fails loudly before any request. */
export function prepareRules(desc: DescMessage): void {
  compile(desc);
}

/** Throws RequestIsNotValid (InvalidArgument) for the first broken rule, naming the field by its JSON path. */
export function assertValid(desc: DescMessage, message: Message): void {
  const v = firstViolation(desc, reflect(desc, message as never), "");
  if (v) throw new RuleViolation(v.reason, v.path);
}
