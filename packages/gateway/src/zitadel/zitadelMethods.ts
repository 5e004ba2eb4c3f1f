// The ZITADEL methods Latchkey implements, once for every wire: grpc-gateway REST, Connect and
// gRPC. Each takes the vendor's request message (already decoded), checks its validate.rules,
// and becomes a call of a tRPC procedure; its result becomes the vendor's response message.
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { DescMessage, DescMethodUnary, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import type { passwordSchemas } from "@latchkey/api";
import { ManagementService } from "@zitadel/proto/zitadel/management_pb.js";
import { NotificationType, type Password } from "@zitadel/proto/zitadel/user/v2/password_pb.js";
import { UserService } from "@zitadel/proto/zitadel/user/v2/user_service_pb.js";
import { pathGuid, type Invocation } from "../route";
import { givenFields } from "./protoJson";
import { assertValid, prepareRules } from "./validateRules";

type Details = passwordSchemas.ChangeDetails;

export interface ZitadelMethod<I extends DescMessage = DescMessage, O extends DescMessage = DescMessage, R = never> {
  method: DescMethodUnary<I, O>;
  /** The tRPC procedure(s) it adapts, for the docs and the logs. */
  procedure: string;
  /** The request after its validate.rules passed: the procedure call it becomes. */
  call(req: MessageShape<I>): Invocation<R>;
  /** The procedure's result as the vendor's response message. */
  reply(out: R): MessageInitShape<O>;
}

function define<I extends DescMessage, O extends DescMessage, R>(m: ZitadelMethod<I, O, R>) {
  prepareRules(m.method.input); // an unsupported rule fails at start-up, not on the first request
  return {
    ...m,
    /** Validates first (before any lookup, as ZITADEL's interceptor does), then calls. */
    invoke: (req: MessageShape<I>): Invocation<R> => {
      assertValid(m.method.input, req);
      return m.call(req);
    },
  };
}

const objectDetailsV2 = (e: Details) => ({
  sequence: BigInt(e.sequence),
  changeDate: timestampFromMs(Date.parse(e.updatedAt)),
  resourceOwner: e.orgGuid,
});
const objectDetailsV1 = (e: Details) => ({ ...objectDetailsV2(e), creationDate: timestampFromMs(Date.parse(e.createdAt)) });

/** v1 management SetHumanPassword: an admin sets the password; a change is required unless noChangeRequired. */
export const setHumanPassword = define({
  method: ManagementService.method.setHumanPassword,
  procedure: "employees.setPassword",
  call: (req) => (api) =>
    api.employees.setPassword({ guid: pathGuid(req.userId, "user"), password: req.password, changeRequired: !req.noChangeRequired }),
  reply: (out: passwordSchemas.PasswordChangeOutput) => ({ details: objectDetailsV1(out.employee) }),
});

/**
 * v2 SetPassword: with currentPassword a self-service change, with verificationCode a completed
 * reset, with neither an admin set. Unsaid, each procedure's own default for changeRequired
 * holds (an admin set requires a change at next sign-in, the others do not).
 */
export const setPassword = define({
  method: UserService.method.setPassword,
  procedure: "employees.changePasswordWithCurrent | employees.completePasswordReset | employees.setPassword",
  call: (req) => {
    const guid = pathGuid(req.userId, "user");
    const password = req.newPassword?.password ?? "";
    const changeRequired = explicitChangeRequired(req.newPassword);
    const v = req.verification;
    if (v.case === "currentPassword")
      return (api) => api.employees.changePasswordWithCurrent({ guid, currentPassword: v.value, password, ...changeRequired });
    if (v.case === "verificationCode")
      return (api) => api.employees.completePasswordReset({ guid, code: v.value, password, ...changeRequired });
    return (api) => api.employees.setPassword({ guid, password, ...changeRequired });
  },
  reply: (out: passwordSchemas.PasswordChangeOutput) => ({ details: objectDetailsV2(out.employee) }),
});

/**
 * proto3 can not tell an absent `changeRequired` from `false`. A JSON body can: the decoder keeps
 * which fields it named, so `"changeRequired": false` is honoured and leaving it out keeps the
 * procedure's default. gRPC and Connect carry no such trace (false is never on the wire), so
 * there only `true` is explicit and false keeps the default: the safe reading for an admin set.
 */
function explicitChangeRequired(p: Password | undefined): { changeRequired?: boolean } {
  if (!p) return {};
  const given = givenFields(p);
  const explicit = given ? given.has("change_required") : p.changeRequired;
  return explicit ? { changeRequired: p.changeRequired } : {};
}

/** v2 PasswordReset: send a link by email (the default) or SMS, or return the code. */
export const passwordReset = define({
  method: UserService.method.passwordReset,
  procedure: "employees.requestPasswordReset",
  call: (req) => {
    const guid = pathGuid(req.userId, "user");
    const m = req.medium;
    if (m.case === "returnCode") return (api) => api.employees.requestPasswordReset({ guid, delivery: "return" });
    const delivery = m.case === "sendLink" && m.value.notificationType === NotificationType.SMS ? "sms" : "email";
    const urlTemplate = m.case === "sendLink" && m.value.urlTemplate !== undefined ? { urlTemplate: m.value.urlTemplate } : {};
    return (api) => api.employees.requestPasswordReset({ guid, delivery, ...urlTemplate });
  },
  reply: (out: passwordSchemas.ResetPasswordOutput) => ({
    details: objectDetailsV2(out.employee),
    ...(out.code !== undefined ? { verificationCode: out.code } : {}),
  }),
});
