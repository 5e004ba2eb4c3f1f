// Expenses (docs/vendors/expenses.md): an ASP.NET Web API. The body is a bare string as JSON, XML or a form;
// the answer is a ChangePasswordResponse, as JSON or as DataContract XML, success or not.
import { z } from "zod";
import type { DomainError, DomainErrorCode } from "@latchkey/api";
import { edgeOf, errorHeaders, invalidRequest } from "../edgeError";
import type { Family, FamilyRequest } from "../family";
import { assertUtf8, jsonResponse, parseJson, parseMediaType, textResponse } from "../http";
import { escapeXml, readXmlString } from "../xmlString";

const RESPONSES_NS = "http://schemas.datacontract.org/2004/07/SpendManagementApi.Models.Responses";
const COMMON_NS = "http://schemas.datacontract.org/2004/07/SpendManagementApi.Models.Common";
const INSTANCE_NS = "http://www.w3.org/2001/XMLSchema-instance";

const link = z.object({ Rel: z.string(), Href: z.string(), Title: z.string(), IsTemplated: z.boolean() });
export const changePasswordResponse = z
  .object({
    RequestResponse: z.union([z.literal(0), z.literal(1)]),
    ResponseInformation: z.object({
      Errors: z.array(z.object({ ErrorCode: z.string(), Message: z.string() })),
      Status: z.union([z.literal(0), z.literal(1)]).describe("0 Failure, 1 Success (in XML: the name)"),
      Links: z.array(link),
    }),
  })
  .meta({ id: "ChangePasswordResponse" });
export type ChangePasswordResponse = z.output<typeof changePasswordResponse>;

export const changePasswordSuccess = (): ChangePasswordResponse => ({
  RequestResponse: 1,
  ResponseInformation: { Errors: [], Status: 1, Links: [] },
});

const STATUS: Partial<Record<DomainErrorCode, number>> = {
  Unauthorized: 401,
  NoPermissions: 403,
  NotAllowedForOwner: 403,
  NotFound: 404,
  ReferenceNotFound: 404,
  TooManyRequests: 429,
  TrySendCodeLater: 429,
  TryActivateLater: 429,
  TryLater: 429,
  InternalServerError: 500,
  NotificationsAreOutOfService: 500,
  ServiceUnavailable: 503,
};

function statusOf(err: DomainError): number {
  const edge = edgeOf(err);
  if (edge?.edge === "tooLarge") return 413;
  if (edge?.edge === "methodNotAllowed") return 405;
  // Validation, password policy, archived employee, a wrong current password: all 400.
  return STATUS[err.code] ?? 400;
}

/** XML when Accept prefers application/xml or text/xml, JSON otherwise (ties keep header order). */
export function negotiate(accept: string | null): "application/json" | "text/json" | "application/xml" | "text/xml" {
  const ranges = (accept ?? "")
    .split(",")
    .map((part, i) => {
      const [type, ...params] = part.trim().toLowerCase().split(";");
      const qp = params.find((p) => p.trim().startsWith("q="));
      return { type: type!.trim(), q: qp ? Number(qp.trim().slice(2)) : 1, i };
    })
    .filter((r) => r.type && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    if (r.type === "application/xml" || r.type === "text/xml" || r.type === "application/json" || r.type === "text/json") return r.type;
    if (r.type === "*/*" || r.type === "application/*") return "application/json";
    if (r.type === "text/*") return "text/json";
  }
  return "application/json";
}

function toXml(r: ChangePasswordResponse): string {
  const info = r.ResponseInformation;
  const errors = info.Errors.length
    ? `<Errors>${info.Errors.map((e) => `<ApiErrorDetail><ErrorCode>${escapeXml(e.ErrorCode)}</ErrorCode><Message>${escapeXml(e.Message)}</Message></ApiErrorDetail>`).join("")}</Errors>`
    : "<Errors/>";
  const links = info.Links.length
    ? `<Links>${info.Links.map((l) => `<Link><Href>${escapeXml(l.Href)}</Href><IsTemplated>${l.IsTemplated}</IsTemplated><Rel>${escapeXml(l.Rel)}</Rel><Title>${escapeXml(l.Title)}</Title></Link>`).join("")}</Links>`
    : "<Links/>";
  // DataContract order is alphabetical within each type: Errors, Links, Status; ResponseInformation, RequestResponse.
  return (
    `<ChangePasswordResponse xmlns:i="${INSTANCE_NS}" xmlns="${RESPONSES_NS}">` +
    `<ResponseInformation xmlns="${COMMON_NS}">${errors}${links}<Status>${info.Status === 1 ? "Success" : "Failure"}</Status></ResponseInformation>` +
    `<RequestResponse>${r.RequestResponse}</RequestResponse></ChangePasswordResponse>`
  );
}

function render(status: number, body: ChangePasswordResponse, req: FamilyRequest, headers: Record<string, string> = {}): Response {
  const type = negotiate(req.headers.get("accept"));
  if (type === "application/xml" || type === "text/xml") return textResponse(status, toXml(body), type, headers);
  return jsonResponse(status, body, headers, type);
}

/** Runs of percent-escapes whose bytes are not UTF-8 would decode to U+FFFD: another password than the one sent. */
function assertUtf8Escapes(raw: string): void {
  for (const run of raw.match(/(?:%[0-9a-fA-F]{2})+/g) ?? []) {
    const bytes = Uint8Array.from(run.slice(1).split("%"), (h) => parseInt(h, 16));
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw invalidRequest("The form body is not valid percent-encoded UTF-8.", "newPassword");
    }
  }
}

/** `=value` or `newPassword=value` (the ASP.NET form binding of a simple string). */
function readForm(raw: string): string {
  assertUtf8Escapes(raw);
  const entries = [...new URLSearchParams(raw)];
  if (entries.length !== 1) throw invalidRequest("The form must carry exactly one value: =<password> or newPassword=<password>.");
  const [key, value] = entries[0]!;
  // The key is never repeated: a password sent without "=" arrives as the key.
  if (key !== "" && key.toLowerCase() !== "newpassword")
    throw invalidRequest("Unknown form field: send =<password> or newPassword=<password>.", "newPassword");
  return value;
}

export const expenses: Family = {
  name: "expenses",
  title: "Expenses",
  meta: () => ({}),
  readBody(raw, contentType) {
    const media = parseMediaType(contentType);
    assertUtf8(media);
    if (raw.trim() === "") throw invalidRequest("The new password is required in the body.", "newPassword");
    const type = media?.type ?? "application/json";
    if (type === "application/json" || type === "text/json") return parseJson(raw);
    if (type === "application/xml" || type === "text/xml") return readXmlString(raw);
    if (type === "application/x-www-form-urlencoded") return readForm(raw);
    throw invalidRequest(`Content type ${type} is not supported; send JSON, XML or a form.`);
  },
  ok: (status, body, req) => render(status, body as ChangePasswordResponse, req),
  error(err, req) {
    const status = statusOf(err);
    const body: ChangePasswordResponse = {
      RequestResponse: 0,
      ResponseInformation: { Errors: [{ ErrorCode: err.code, Message: err.message }], Status: 0, Links: [] },
    };
    return render(status, body, req, errorHeaders(err, status));
  },
  statusOf,
  openapi: {
    requestTypes: ["application/json", "text/json", "application/xml", "text/xml", "application/x-www-form-urlencoded"],
    responseTypes: ["application/json", "text/json", "application/xml", "text/xml"],
    errorSchema: changePasswordResponse,
    errorStatuses: [400, 401, 403, 404, 405, 413, 429, 500],
    headers: [],
  },
};
