// What each REST family (LIFE POS, F5, Expenses, ZITADEL) decides for itself: which headers it
// reads, how it reads bodies, how it writes successes and errors. The handler does the rest.
import type { z } from "zod";
import type { DomainError, RequestMeta } from "@latchkey/api";

export type FamilyName = "lifePos" | "f5" | "expenses" | "zitadel";

/** Request-level data a family may read (headers only; bodies go through readBody). */
export interface FamilyRequest {
  headers: Headers;
}

export interface Family {
  name: FamilyName;
  title: string;
  /** Reads the family's own headers (client info, named organization); may throw a DomainError. */
  meta(req: FamilyRequest): Pick<RequestMeta, "client" | "org">;
  /** Turns a raw body into the value the route's zod schema checks; throws the family's validation error. */
  readBody(raw: string, contentType: string | null): unknown;
  /** A success response. */
  ok(status: number, body: unknown, req: FamilyRequest): Response;
  /** The family's error response, mapped from every DomainErrorCode. */
  error(err: DomainError, req: FamilyRequest): Response;
  /** Its status for a domain error (OpenAPI lists them; tests check them). */
  statusOf(err: DomainError): number;
  /** OpenAPI: request content types, error envelope and optional extra header parameters. */
  openapi: {
    requestTypes: readonly string[];
    responseTypes: readonly string[];
    errorSchema: z.ZodType;
    errorStatuses: readonly number[];
    headers: readonly { name: string; description: string; enum?: readonly string[] }[];
  };
}
