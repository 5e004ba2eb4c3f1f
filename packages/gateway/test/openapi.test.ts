// /openapi.json is a valid OpenAPI 3.1 document (checked against the official schema).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "../src/openapi";
import { ROUTES } from "../src/routeTable";

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
    expect(Object.keys(reset.properties)).toEqual(["sendLink", "returnCode"]);
    expect(reset.additionalProperties).toBe(false);
    const link = doc.components.schemas["user_v2_SendPasswordResetLink"]!;
    expect(link.properties["urlTemplate"]).toMatchObject({ type: "string", minLength: 1, maxLength: 200 });
    expect(link.properties["urlTemplate"]!["description"]).toMatch(/\{\{\.UserID\}\}.*\{\{\.OrgID\}\}.*\{\{\.Code\}\}/);
    expect(Object.keys(body("/v2/users/{user_id}/password").properties)).toEqual(["newPassword", "currentPassword", "verificationCode"]);
    expect(body("/management/v1/users/{user_id}/password").properties["password"]).toMatchObject({ minLength: 1, maxLength: 72 });
  });
});
