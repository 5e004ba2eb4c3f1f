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
});
