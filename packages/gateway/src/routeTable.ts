// Every documented REST operation, one row each: method, path, procedure, decode, encode, family.
// Body fields reuse the core's zod schemas (passwordSchemas, activationSchemas), so REST and tRPC validate alike.
import { z } from "zod";
import { activationSchemas, passwordSchemas } from "@latchkey/api";
import { changePasswordSuccess, changePasswordResponse, expenses } from "./families/expenses";
import { f5 } from "./families/f5";
import { lifePos } from "./families/lifePos";
import { zitadel } from "./families/zitadel";
import { defineRoute, pathGuid, pathInt, type Params, type Route } from "./route";
import { protoBody } from "./zitadel/protoBody";
import { passwordReset, setHumanPassword, setPassword } from "./zitadel/zitadelMethods";
import { zitadelDetails, zitadelDetailsV1, zitadelDetailsV2 } from "./zitadelDetails";

/** A body reference `{guid, type_of}`: `type_of` must name the referenced type when given. */
const ref = (type: string) =>
  z.strictObject({
    guid: passwordSchemas.resetPasswordInput.shape.guid,
    type_of: z.literal(type, { message: `must be ${type}` }).optional(),
  });
const typed = (type: string) => z.object({ guid: z.uuid(), type_of: z.literal(type) });

const activateResponse = z
  .object({ workplace: typed("Workplace"), organization: typed("Organization"), outlet: typed("Outlet"), employee: typed("Employee") })
  .meta({ id: "ActivateWorkplaceResponse" });

/** A ZITADEL body: the path's user_id wins over one in the body, as in grpc-gateway. */
const withUserId = <M extends { userId: string }>(message: M, p: Params): M => Object.assign(message, { userId: p["user_id"] ?? "" });

export const ROUTES: readonly Route[] = [
  defineRoute({
    operationId: "ResetPasswordOfEmployee",
    summary: "Reset an employee's password (LIFE POS)",
    family: lifePos,
    method: "POST",
    path: "/orgs/{org_guid}/employees/{employee_guid}:reset-password",
    procedure: "employees.resetPassword",
    auth: "bearer",
    orgParam: "org_guid",
    body: z.strictObject({}).optional(),
    decode: (_b, p) => (api) => api.employees.resetPassword({ guid: pathGuid(p["employee_guid"], "employee") }),
    success: { status: 204, description: "No Content", schema: null },
    encode: () => null,
  }),
  defineRoute({
    operationId: "GenerateActivationCodeOfWorkplace",
    summary: "Generate a one-time activation code for a workplace (LIFE POS)",
    family: lifePos,
    method: "POST",
    path: "/orgs/{org_guid}/workplaces/{workplace_guid}:generate-activation-code",
    procedure: "workplaces.generateActivationCode",
    auth: "bearer",
    orgParam: "org_guid",
    body: z.strictObject({ employee: ref("Employee"), send_sms: z.boolean().nullish(), outlet: ref("Outlet").nullish() }),
    decode: (b, p) => (api) =>
      api.workplaces.generateActivationCode({
        guid: pathGuid(p["workplace_guid"], "workplace"),
        employeeGuid: b.employee.guid,
        ...(b.outlet ? { outletGuid: b.outlet.guid } : {}),
        sendSms: b.send_sms ?? false,
      }),
    success: {
      status: 200,
      description: "Success",
      schema: z.object({ activation_code: z.string() }).meta({ id: "ActivationCodeResponse" }),
    },
    encode: (out) => ({ activation_code: out.code }),
  }),
  defineRoute({
    operationId: "ActivateWorkplace",
    summary: "Activate a workplace with its one-time code (LIFE POS; no token needed)",
    family: lifePos,
    method: "POST",
    path: "/auth/activate-workplace",
    procedure: "auth.activateWorkplace",
    auth: "none",
    body: z.strictObject({ activation_code: activationSchemas.activationCode }),
    decode: (b) => (api) => api.auth.activateWorkplace({ code: b.activation_code }),
    success: { status: 200, description: "Success", schema: activateResponse },
    encode: (out) => ({
      workplace: { guid: out.workplace.guid, type_of: "Workplace" },
      organization: { guid: out.organization.guid, type_of: "Organization" },
      outlet: { guid: out.outlet.guid, type_of: "Outlet" },
      employee: { guid: out.employee.guid, type_of: "Employee" },
    }),
  }),
  ...["/api/web/custom/password/admin_reset", "/api/v1/api/{env}/{region}/namespaces/{namespace}/api/web/custom/password/admin_reset"].map(
    (path, i) =>
      defineRoute({
        operationId: i === 0 ? "AdminResetPassword" : "AdminResetPasswordLongForm",
        summary: "Reset password by admin (F5 Distributed Cloud)",
        family: f5,
        method: "POST",
        path,
        procedure: "employees.adminResetByEmail",
        auth: "bearer",
        body: z.strictObject({ email: passwordSchemas.adminResetByEmailInput.shape.email }),
        decode: (b) => (api) => api.employees.adminResetByEmail({ email: b.email }),
        success: { status: 200, description: "A successful response (empty)", schema: z.object({}).meta({ id: "F5Empty" }) },
        encode: () => ({}),
      }),
  ),
  defineRoute({
    operationId: "ChangeEmployeePassword",
    summary: "Change an employee's password (Expenses)",
    family: expenses,
    method: "PATCH",
    path: "/Employees/{id}/ChangePassword",
    procedure: "employees.changePassword",
    auth: "bearer",
    body: passwordSchemas.newPassword,
    decode: (password, p) => (api) => api.employees.changePassword({ id: pathInt(p["id"], "employee"), password }),
    success: { status: 200, description: "A ChangePasswordResponse", schema: changePasswordResponse },
    encode: () => changePasswordSuccess(),
  }),
  defineRoute({
    operationId: "SetUserPasswordV1",
    summary: "Set a user's password (ZITADEL management v1 SetHumanPassword)",
    family: zitadel,
    method: "POST",
    path: "/management/v1/users/{user_id}/password",
    procedure: setHumanPassword.procedure,
    auth: "bearer",
    body: protoBody(setHumanPassword.method.input, ["user_id"]),
    decode: (b, p) => setHumanPassword.invoke(withUserId(b, p)),
    success: { status: 200, description: "OK", schema: zitadelDetails(zitadelDetailsV1) },
    encode: (out) => ({ details: zitadelDetailsV1.encode(out.employee) }),
  }),
  defineRoute({
    operationId: "SetUserPasswordV2",
    summary: "Change a user's password: with currentPassword, with a verificationCode, or as an admin (ZITADEL v2 SetPassword)",
    family: zitadel,
    method: "POST",
    path: "/v2/users/{user_id}/password",
    procedure: setPassword.procedure,
    auth: "bearer",
    body: protoBody(setPassword.method.input, ["user_id"]),
    decode: (b, p) => setPassword.invoke(withUserId(b, p)),
    success: { status: 200, description: "OK", schema: zitadelDetails(zitadelDetailsV2) },
    encode: (out) => ({ details: zitadelDetailsV2.encode(out.employee) }),
  }),
  defineRoute({
    operationId: "PasswordResetV2",
    summary: "Request a password reset: send a link by email or SMS, or return the code (ZITADEL v2 PasswordReset)",
    family: zitadel,
    method: "POST",
    path: "/v2/users/{user_id}/password_reset",
    procedure: passwordReset.procedure,
    auth: "bearer",
    body: protoBody(passwordReset.method.input, ["user_id"]),
    decode: (b, p) => passwordReset.invoke(withUserId(b, p)),
    success: {
      status: 200,
      description: "OK (verificationCode only with returnCode)",
      schema: zitadelDetails(zitadelDetailsV2).extend({ verificationCode: z.string().optional() }),
    },
    encode: (out) => ({
      details: zitadelDetailsV2.encode(out.employee),
      ...(out.code !== undefined ? { verificationCode: out.code } : {}),
    }),
  }),
];
