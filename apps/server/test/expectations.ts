// Assertions on each family's envelope, so every test checks the whole shape, not just a status.
import { expect } from "vitest";

export async function expectLifePos(
  res: Response,
  status: number,
  code: string,
): Promise<{ code: string; message: string; info: string | null }> {
  const body = (await res.json()) as { code: string; message: string; info: string | null };
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(Object.keys(body)).toEqual(["code", "message", "info"]);
  expect(typeof body.message).toBe("string");
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  if (status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  return body;
}

export async function expectF5(
  res: Response,
  status: number,
  grpc: number,
): Promise<{ code: number; message: string; details: unknown[] }> {
  const body = (await res.json()) as { code: number; message: string; details: unknown[] };
  expect({ status: res.status, code: body.code }).toEqual({ status, code: grpc });
  expect(Object.keys(body)).toEqual(["code", "message", "details"]);
  expect(body.details).toEqual([]);
  if (status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  return body;
}

export async function expectZitadel(res: Response, status: number, grpc: number): Promise<{ code: number; message: string }> {
  const body = (await res.json()) as { code: number; message: string; details: { "@type": string; id: string; message: string }[] };
  expect({ status: res.status, code: body.code }).toEqual({ status, code: grpc });
  expect(Object.keys(body)).toEqual(["code", "message", "details"]);
  expect(body.details).toHaveLength(1);
  expect(Object.keys(body.details[0]!)).toEqual(["@type", "id", "message"]);
  expect(body.details[0]!["@type"]).toBe("type.googleapis.com/zitadel.v1.ErrorDetail");
  if (status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  return body;
}

/** A validate.rules refusal: 400 (3) with protoc-gen-validate's message and no `details`, as ZITADEL's gateway writes it. */
export async function expectZitadelRule(res: Response): Promise<{ code: number; message: string }> {
  const body = (await res.json()) as { code: number; message: string };
  expect({ status: res.status, keys: Object.keys(body), code: body.code }).toEqual({ status: 400, keys: ["code", "message"], code: 3 });
  expect(body.message).toMatch(/^invalid [A-Za-z]+\.[A-Za-z]+: /);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return body;
}

export async function expectExpensesJson(res: Response, status: number, errorCode: string): Promise<void> {
  const body = (await res.json()) as { RequestResponse: number; ResponseInformation: { Errors: { ErrorCode: string }[] } };
  expect(res.status).toBe(status);
  expect(body).toEqual({
    RequestResponse: 0,
    ResponseInformation: { Errors: [{ ErrorCode: errorCode, Message: expect.any(String) }], Status: 0, Links: [] },
  });
  if (status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
}
