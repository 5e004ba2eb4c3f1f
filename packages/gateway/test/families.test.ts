// Every DomainErrorCode through every family's one mapper: the status tables of docs/vendors/*.md,
// the envelopes, both LIFE POS languages, and the edge errors (413, 405, deadline).
import { describe, expect, it } from "vitest";
import { DomainError, DOMAIN_ERROR_CODES, type DomainErrorCode } from "@latchkey/api";
import { methodNotAllowed, timedOut, tooLarge } from "../src/edgeError";
import { expenses } from "../src/families/expenses";
import { f5 } from "../src/families/f5";
import { lifePos } from "../src/families/lifePos";
import { zitadel } from "../src/families/zitadel";
import { lifePosStatus, type LifePosErrorCode } from "../src/families/lifePosCodes";
import { LIFE_POS_MESSAGES } from "../src/lifePosMessages";
import { RuleViolation } from "../src/zitadel/validateRules";

const req = (headers: Record<string, string> = {}) => ({ headers: new Headers(headers) });
const err = (code: DomainErrorCode) => new DomainError(code, `detail of ${code}`);
const isDomainCode = (code: string): code is DomainErrorCode => (DOMAIN_ERROR_CODES as readonly string[]).includes(code);

describe("LIFE POS", () => {
  const table: Record<number, LifePosErrorCode[]> = {
    401: ["Unauthorized", "WrongActivationCode"],
    403: ["NoPermissions", "NotAllowedForOwner"],
    404: ["NotFound", "ReferenceNotFound"],
    422: [
      "RequestIsNotValid",
      "BadRequest",
      "NotAllowed",
      "NotAllowedForArchived",
      "PhoneIsNotFound",
      "OperationCannotBePerformed",
      "NotificationsAreOutOfService",
    ],
    429: ["TooManyRequests", "TrySendCodeLater", "TryActivateLater"],
    500: ["InternalServerError"],
  };
  it("maps the LIFE POS status table (docs/vendors/life-pos.md), with Retry-After on every 429", async () => {
    for (const [status, codes] of Object.entries(table)) {
      for (const code of codes) {
        expect({ code, status: lifePosStatus(code) }).toEqual({ code, status: Number(status) });
        // A code of the vendor's enum that the core never throws has a status, but no error to send.
        if (!isDomainCode(code)) continue;
        const res = lifePos.error(err(code), req());
        expect({ code, status: res.status }).toEqual({ code, status: Number(status) });
        expect(await res.json()).toEqual({ code, message: LIFE_POS_MESSAGES[code].en, info: `detail of ${code}` });
        expect(res.headers.get("cache-control")).toBe("no-store");
        if (res.status === 429) expect(res.headers.get("retry-after")).toBe("60");
      }
    }
  });

  it("answers every code with a 4xx/5xx of the vendor's list, in Russian and English", async () => {
    for (const code of DOMAIN_ERROR_CODES) {
      const ru = lifePos.error(err(code), req({ "accept-language": "ru-RU, en;q=0.5" }));
      expect([401, 403, 404, 422, 429, 500, 503]).toContain(ru.status);
      const body = (await ru.json()) as { message: string };
      expect(body.message).toBe(LIFE_POS_MESSAGES[code].ru);
      expect(body.message).toMatch(/[а-яё]/i);
      expect(LIFE_POS_MESSAGES[code].en).toMatch(/^[A-Z].*\.$/);
      expect(ru.headers.get("content-language")).toBe("ru");
    }
  });

  it("edge errors: 413, 405 with Allow, a deadline as 500", () => {
    expect(lifePos.error(tooLarge(), req()).status).toBe(413);
    const m = lifePos.error(methodNotAllowed(["POST"]), req());
    expect([m.status, m.headers.get("allow")]).toEqual([405, "POST"]);
    expect(lifePos.error(timedOut(), req()).status).toBe(500);
  });
});

describe("F5 and ZITADEL (gRPC codes)", () => {
  const f5Table: [DomainErrorCode, number, number][] = [
    ["RequestIsNotValid", 400, 3],
    ["Unauthorized", 401, 16],
    ["NoPermissions", 403, 7],
    ["NotFound", 404, 5],
    ["NotAllowedForArchived", 409, 9],
    ["TrySendCodeLater", 429, 8],
    ["TooManyRequests", 429, 8],
    ["InternalServerError", 500, 13],
    ["NotificationsAreOutOfService", 503, 14],
  ];
  it("F5 maps the statuses of docs/vendors/f5-distributed-cloud.md", async () => {
    for (const [code, status, grpc] of f5Table) {
      const res = f5.error(err(code), req());
      expect({ code, status: res.status }).toEqual({ code, status });
      expect(await res.json()).toEqual({ code: grpc, message: `detail of ${code}`, details: [] });
    }
    const late = f5.error(timedOut(), req());
    expect([late.status, ((await late.json()) as { code: number }).code]).toEqual([504, 4]);
  });

  it("ZITADEL maps the statuses of docs/vendors/zitadel.md, with a zitadel.v1.ErrorDetail", async () => {
    const table: [DomainErrorCode, number, number][] = [
      ["RequestIsNotValid", 400, 3],
      ["InvalidConfirmationCode", 400, 3],
      ["NotFound", 404, 5],
      ["NoPermissions", 403, 7],
      ["NotAllowedForArchived", 400, 9],
      ["Unauthorized", 401, 16],
      ["TrySendCodeLater", 429, 8],
      ["InternalServerError", 500, 13],
    ];
    for (const [code, status, grpc] of table) {
      const res = zitadel.error(err(code), req());
      expect({ code, status: res.status }).toEqual({ code, status });
      expect(await res.json()).toEqual({
        code: grpc,
        message: `detail of ${code}`,
        details: [{ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id: `LATCHKEY-${code}`, message: `detail of ${code}` }],
      });
    }
  });

  it("ZITADEL answers a validate.rules violation without details, as its gateway marshals a bare status", async () => {
    const message = "invalid SetPasswordRequest.UserId: value length must be between 1 and 200 runes, inclusive";
    const res = zitadel.error(new RuleViolation(message, "userId"), req());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 3, message });
  });

  it("never answers a client code with a 5xx", () => {
    const server = new Set<DomainErrorCode>(["InternalServerError", "NotificationsAreOutOfService", "ServiceUnavailable"]);
    for (const code of DOMAIN_ERROR_CODES) {
      for (const family of [lifePos, f5, expenses, zitadel]) {
        const status = family.error(err(code), req()).status;
        if (server.has(code)) expect(status, `${family.name} ${code}`).toBeGreaterThanOrEqual(400);
        else expect(status, `${family.name} ${code}`).toBeLessThan(500);
      }
    }
  });
});

describe("Expenses", () => {
  it("maps the statuses of docs/vendors/expenses.md in a failed ChangePasswordResponse", async () => {
    const table: [DomainErrorCode, number][] = [
      ["RequestIsNotValid", 400],
      ["NotAllowedForArchived", 400],
      ["Unauthorized", 401],
      ["NoPermissions", 403],
      ["NotFound", 404],
      ["TooManyRequests", 429],
      ["InternalServerError", 500],
    ];
    for (const [code, status] of table) {
      const res = expenses.error(err(code), req());
      expect({ code, status: res.status }).toEqual({ code, status });
      expect(await res.json()).toEqual({
        RequestResponse: 0,
        ResponseInformation: { Errors: [{ ErrorCode: code, Message: `detail of ${code}` }], Status: 0, Links: [] },
      });
    }
  });
});
