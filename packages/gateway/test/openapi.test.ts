// /openapi.json is a valid OpenAPI 3.1 document (checked against the official schema), and its
// ZITADEL request schemas accept the bodies the decoder accepts (checked with a JSON Schema validator).
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "../src/openapi";
import { ROUTES } from "../src/routeTable";
import { decodeProtoJson } from "../src/zitadel/protoJson";
import { passwordReset, setHumanPassword, setPassword } from "../src/zitadel/zitadelMethods";

describe("buildOpenApi", () => {
  it("validates against the OpenAPI 3.1 schema", async () => {
    const doc = buildOpenApi(ROUTES);
    const validator = new Validator();
    const result = await validator.validate(doc as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents ZITADEL's bodies from the vendor's descriptors: every field, its limits, urlTemplate and its placeholders", () => {
    const doc = buildOpenApi(ROUTES) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: Record<string, unknown> }> } } }>;
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; additionalProperties: boolean }> };
    };
    const body = (path: string) =>
      doc.paths[path]!.post.requestBody.content["application/json"]!.schema as {
        properties: Record<string, Record<string, unknown>>;
        additionalProperties: boolean;
      };
    const reset = body("/v2/users/{user_id}/password_reset");
    expect(Object.keys(reset.properties)).toEqual(["userId", "user_id", "sendLink", "send_link", "returnCode", "return_code"]);
    expect(reset.additionalProperties).toBe(false);
    const link = doc.components.schemas["user_v2_SendPasswordResetLink"]!;
    expect(link.properties["urlTemplate"]).toMatchObject({ anyOf: [{ type: "string", minLength: 1, maxLength: 200 }, { type: "null" }] });
    expect(link.properties["urlTemplate"]!["description"]).toMatch(/\{\{\.UserID\}\}.*\{\{\.OrgID\}\}.*\{\{\.Code\}\}/);
    expect(Object.keys(body("/v2/users/{user_id}/password").properties)).toEqual([
      "userId",
      "user_id",
      "newPassword",
      "new_password",
      "currentPassword",
      "current_password",
      "verificationCode",
      "verification_code",
    ]);
    expect(body("/management/v1/users/{user_id}/password").properties["password"]).toMatchObject({
      anyOf: [{ minLength: 1, maxLength: 72 }, { type: "null" }],
    });
  });

  it("ZITADEL's request schemas accept what the decoder accepts: proto names, nulls, the path's user_id", () => {
    const doc = buildOpenApi(ROUTES) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: object }> } } }>;
    };
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; refs point into the document's components
    // (formats such as uuid are not what this checks).
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(doc as object, "openapi.json");
    const accepts = (path: string, value: unknown) => {
      const pointer = `/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/post/requestBody/content/application~1json/schema`;
      return ajv.validate({ $ref: `openapi.json#${pointer}` }, value);
    };
    const v2 = "/v2/users/{user_id}/password";
    const reset = "/v2/users/{user_id}/password_reset";
    const v1 = "/management/v1/users/{user_id}/password";
    const UUID = "00000000-0000-4000-8000-000000000000";
    const cases: [string, unknown][] = [
      [v2, { user_id: "any", new_password: { password: "Quiet-Meadow-Copper-58", change_required: false }, current_password: null }],
      [v2, { newPassword: { password: "Quiet-Meadow-Copper-58", changeRequired: null }, verificationCode: null, userId: null }],
      [reset, { send_link: { notification_type: 2, url_template: "https://a.test/#c={{.Code}}" }, return_code: null }],
      [reset, { sendLink: null, returnCode: {} }],
      [v1, { user_id: UUID, password: "Quiet-Meadow-Copper-58", no_change_required: null }],
      [v1, {}],
    ];
    for (const [path, value] of cases) {
      expect(accepts(path, value), `${path} ${JSON.stringify(value)}: ${ajv.errorsText()}`).toBe(true);
      expect(decodeProtoJson(methodOf(path), value), path).toBeDefined();
    }
    // What the decoder refuses, the schema refuses too: unknown fields, one field named both ways.
    expect(accepts(v1, { password: "x", userName: "x" })).toBe(false);
    expect(accepts(v1, { noChangeRequired: true, no_change_required: true })).toBe(false);
    expect(accepts(reset, { sendLink: { urlTemplate: "https://a.test/", extra: 1 } })).toBe(false);
  });
});

function methodOf(path: string) {
  if (path.startsWith("/management/")) return setHumanPassword.method.input;
  return path.endsWith("password_reset") ? passwordReset.method.input : setPassword.method.input;
}
