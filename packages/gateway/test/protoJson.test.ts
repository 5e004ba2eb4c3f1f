// The ZITADEL family's proto3 JSON decoder and validate.rules, against the vendor's own
// descriptors: both name styles, null as default, enums by name or number, 64-bit integers as
// strings or numbers, unknown and repeated fields refused, and protoc-gen-validate's limits.
import { describe, expect, it } from "vitest";
import { DomainError } from "@latchkey/api";
import { ListQuerySchema } from "@zitadel/proto/zitadel/object/v2/object_pb.js";
import { NotificationType } from "@zitadel/proto/zitadel/user/v2/password_pb.js";
import { decodeProtoJson, givenFields } from "../src/zitadel/protoJson";
import { assertValid } from "../src/zitadel/validateRules";
import { passwordReset, setHumanPassword, setPassword } from "../src/zitadel/zitadelMethods";

const v1 = setHumanPassword.method.input;
const v2 = setPassword.method.input;
const reset = passwordReset.method.input;

function refusal(run: () => unknown): { code: string; message: string; field: string | undefined } {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, message: err.message, field: err.field };
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("decodeProtoJson", () => {
  it("reads lowerCamel json names and original proto names alike, at every depth", () => {
    const a = decodeProtoJson(v2, { userId: "u", newPassword: { password: "p", changeRequired: true }, currentPassword: "c" });
    const b = decodeProtoJson(v2, { user_id: "u", new_password: { password: "p", change_required: true }, current_password: "c" });
    for (const m of [a, b]) {
      expect(m.userId).toBe("u");
      expect(m.newPassword?.password).toBe("p");
      expect(m.newPassword?.changeRequired).toBe(true);
      expect(m.verification).toEqual({ case: "currentPassword", value: "c" });
    }
  });

  it("takes null as the field's default, also for a oneof member (it does not count as set)", () => {
    const m = decodeProtoJson(reset, { userId: null, sendLink: null, returnCode: {} });
    expect(m.userId).toBe("");
    expect(m.medium.case).toBe("returnCode");
    const n = decodeProtoJson(v2, { newPassword: { password: "p", changeRequired: null }, currentPassword: null, verificationCode: "1" });
    expect(n.verification).toEqual({ case: "verificationCode", value: "1" });
    expect(givenFields(n.newPassword!)).toEqual(new Set(["password"]));
  });

  it("reads enums by name or by number, unknown numbers kept as proto3 open enums", () => {
    const byName = decodeProtoJson(reset, { sendLink: { notificationType: "NOTIFICATION_TYPE_SMS" } });
    const byNumber = decodeProtoJson(reset, { send_link: { notification_type: 2 } });
    for (const m of [byName, byNumber]) expect(m.medium.case === "sendLink" && m.medium.value.notificationType).toBe(NotificationType.SMS);
    const open = decodeProtoJson(reset, { sendLink: { notificationType: 7 } });
    expect(open.medium.case === "sendLink" && open.medium.value.notificationType).toBe(7);
    expect(refusal(() => decodeProtoJson(reset, { sendLink: { notificationType: "NOTIFICATION_TYPE_Fax" } }))).toMatchObject({
      code: "RequestIsNotValid",
      field: "sendLink.notificationType",
    });
  });

  it("reads 64-bit integers as decimal strings or numbers", () => {
    expect(decodeProtoJson(ListQuerySchema, { offset: "18446744073709551615", limit: 10 }).offset).toBe(18446744073709551615n);
    expect(decodeProtoJson(ListQuerySchema, { offset: 42 }).offset).toBe(42n);
    expect(refusal(() => decodeProtoJson(ListQuerySchema, { offset: "-1" })).field).toBe("offset");
    expect(refusal(() => decodeProtoJson(ListQuerySchema, { offset: "1e400" })).field).toBe("offset");
  });

  it("refuses unknown fields, a field given under both names, two members of a oneof, and non-objects", () => {
    expect(refusal(() => decodeProtoJson(v1, { password: "p", userName: "x" }))).toMatchObject({ field: "userName" });
    expect(refusal(() => decodeProtoJson(v1, { noChangeRequired: true, no_change_required: true })).message).toMatch(/given twice/);
    expect(refusal(() => decodeProtoJson(v1, { password: "p", password_: "q" })).field).toBe("password_");
    expect(refusal(() => decodeProtoJson(reset, { sendLink: {}, returnCode: {} })).message).toMatch(/only one of sendLink and returnCode/);
    expect(refusal(() => decodeProtoJson(v2, { currentPassword: "a", verification_code: "b" })).message).toMatch(/only one/);
    expect(refusal(() => decodeProtoJson(reset, { sendLink: { urlTemplate: "x", bogus: 1 } })).field).toBe("sendLink.bogus");
    for (const body of [null, [], "x", 1, true]) expect(refusal(() => decodeProtoJson(v1, body)).code).toBe("RequestIsNotValid");
    expect(refusal(() => decodeProtoJson(v2, { newPassword: [] })).field).toBe("newPassword");
    expect(refusal(() => decodeProtoJson(v2, { newPassword: { password: 5 } })).message).toBe("newPassword.password: must be a string");
  });

  it("never repeats a refused value (it may be a password)", () => {
    const secret = 1234567890123;
    for (const body of [{ password: secret }, { password: [String(secret)] }, { noChangeRequired: String(secret) }]) {
      const r = refusal(() => decodeProtoJson(v1, body));
      expect(r.message).not.toContain(String(secret));
    }
  });

  it("stops at a depth no request needs", () => {
    let deep: Record<string, unknown> = { password: "p" };
    for (let i = 0; i < 40; i++) deep = { newPassword: deep };
    expect(refusal(() => decodeProtoJson(v2, deep)).code).toBe("RequestIsNotValid");
  });
});

describe("validate.rules", () => {
  const valid = (desc: Parameters<typeof decodeProtoJson>[0], json: unknown) => assertValid(desc, decodeProtoJson(desc, json) as never);

  it("enforces the vendor's rune limits with protoc-gen-validate's wording and the field's JSON path", () => {
    expect(refusal(() => valid(v2, { userId: "u".repeat(201) }))).toEqual({
      code: "RequestIsNotValid",
      message: "invalid SetPasswordRequest.UserId: value length must be between 1 and 200 runes, inclusive",
      field: "userId",
    });
    expect(refusal(() => valid(v2, { userId: "u", newPassword: { password: "p".repeat(201) } }))).toEqual({
      code: "RequestIsNotValid",
      message:
        "invalid SetPasswordRequest.NewPassword: embedded message failed validation | caused by: " +
        "invalid Password.Password: value length must be between 1 and 200 runes, inclusive",
      field: "newPassword.password",
    });
    expect(refusal(() => valid(v2, { userId: "u", newPassword: { password: "p" }, verificationCode: "1".repeat(21) })).field).toBe(
      "verificationCode",
    );
    expect(refusal(() => valid(v2, { userId: "u", newPassword: { password: "p" }, currentPassword: "" })).field).toBe("currentPassword");
    expect(refusal(() => valid(v1, { userId: "u", password: "p".repeat(73) })).field).toBe("password");
    expect(refusal(() => valid(v1, { userId: "", password: "p" })).message).toBe(
      "invalid SetHumanPasswordRequest.UserId: value length must be at least 1 runes",
    );
    expect(refusal(() => valid(reset, { userId: "u", sendLink: { urlTemplate: "" } })).field).toBe("sendLink.urlTemplate");
  });

  it("counts runes, not UTF-16 units; an unset optional or oneof member is not judged", () => {
    expect(() => valid(v1, { userId: "u", password: "🔑".repeat(72) })).not.toThrow();
    expect(refusal(() => valid(v1, { userId: "u", password: "🔑".repeat(73) })).field).toBe("password");
    expect(() => valid(reset, { userId: "u", sendLink: {} })).not.toThrow();
    expect(() => valid(v2, { userId: "u", newPassword: { password: "p" } })).not.toThrow();
    expect(() => valid(reset, { userId: "u".repeat(200) })).not.toThrow();
  });
});
