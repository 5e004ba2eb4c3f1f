// ZITADEL's own TypeScript SDK (@zitadel/client) against Latchkey, called exactly as the vendor's
// docs show it: gRPC over HTTP/2 cleartext (createServerTransport), gRPC-web over fetch (its web
// transport, createClientTransport) and the Connect protocol in JSON over HTTP/1.1 and binary over
// HTTP/2 (createConnectTransport), all on the one port.
import { connect, type ClientHttp2Session } from "node:http2";
import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { NewAuthorizationBearerInterceptor, timestampMs } from "@zitadel/client";
import { createServerTransport } from "@zitadel/client/node";
import { createClientTransport } from "@zitadel/client/web";
import { createManagementServiceClient } from "@zitadel/client/v1";
import { createUserServiceClient } from "@zitadel/client/v2";
import { ErrorDetailSchema } from "@zitadel/proto/zitadel/message_pb.js";
import { NotificationType } from "@zitadel/proto/zitadel/user/v2/password_pb.js";
import { freshPassword, NEW_PASSWORD, PASSWORD } from "./passwords";
import { afterCooldown, useServer } from "./useServer";

const t = useServer();
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

type Wire = "grpc" | "grpc-web" | "connect-json" | "connect-binary";
const WIRES: Wire[] = ["grpc", "grpc-web", "connect-json", "connect-binary"];

function transport(wire: Wire, token: string, baseUrl = t.url) {
  if (wire === "grpc") return createServerTransport(token, { baseUrl });
  if (wire === "grpc-web") return createClientTransport(token, { baseUrl });
  return createConnectTransport({
    baseUrl,
    httpVersion: wire === "connect-json" ? "1.1" : "2",
    useBinaryFormat: wire === "connect-binary",
    interceptors: [NewAuthorizationBearerInterceptor(token)],
  });
}
const users = (wire: Wire, token = t.world.tokens.service) => createUserServiceClient(transport(wire, token));
const management = (wire: Wire, token = t.world.tokens.service) => createManagementServiceClient(transport(wire, token));

/** The gRPC status of a refused call, with ZITADEL's ErrorDetail. */
async function refusal(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (err) {
    return ConnectError.from(err);
  }
  throw new Error("expected the call to be refused");
}

const passwordChangeRequired = async (guid: string) =>
  (await t.sql<{ r: number }>("SELECT CASE WHEN password_change_required THEN 1 ELSE 0 END AS r FROM employees WHERE guid = ?", guid))[0]!
    .r === 1;

describe.each(WIRES)("over %s", (wire) => {
  it("UserService.SetPassword as an admin: the vendor's response message", async () => {
    const id = t.world.employees[1]!.guid;
    const before = (await t.sql<{ s: number }>("SELECT sequence AS s FROM employees WHERE guid = ?", id))[0]!.s;
    const res = await users(wire).setPassword({ userId: id, newPassword: { password: freshPassword(), changeRequired: true } });
    expect(res.details?.sequence).toBe(BigInt(before + 1));
    expect(res.details?.resourceOwner).toBe(t.world.org.guid);
    expect(timestampMs(res.details!.changeDate!)).toBe(t.clock.now());
    expect(await passwordChangeRequired(id)).toBe(true);
  });

  it("PasswordReset returns a code that SetPassword's verificationCode then redeems", async () => {
    const id = t.world.employees[2]!.guid;
    const reset = await users(wire).passwordReset({ userId: id, medium: { case: "returnCode", value: {} } });
    expect(reset.verificationCode).toMatch(/^\d{8}$/);
    const done = await users(wire).setPassword({
      userId: id,
      newPassword: { password: freshPassword() },
      verification: { case: "verificationCode", value: reset.verificationCode! },
    });
    expect(done.details?.resourceOwner).toBe(t.world.org.guid);
    expect(await passwordChangeRequired(id)).toBe(false);
  });

  it("PasswordReset sendLink with a urlTemplate queues the message with the link, and no code comes back", async () => {
    const id = t.world.employees[3]!.guid;
    afterCooldown(t);
    const res = await users(wire).passwordReset({
      userId: id,
      medium: { case: "sendLink", value: { notificationType: NotificationType.SMS, urlTemplate: "https://app.example.test/r#{{.Code}}" } },
    });
    expect(res.verificationCode).toBeUndefined();
    const body = (
      await t.sql<{ body: string }>(
        "SELECT m.body FROM outbox_messages m JOIN employees e ON e.id = m.employee_id WHERE e.guid = ? ORDER BY m.id DESC LIMIT 1",
        id,
      )
    )[0]!.body;
    expect(body).toMatch(/https:\/\/app\.example\.test\/r#\d{8}$/);
  });

  it("ManagementService.SetHumanPassword, in another org named by x-zitadel-orgid (instance admin)", async () => {
    const w = t.world;
    const res = await management(wire, w.tokens.instanceAdmin).setHumanPassword(
      { userId: w.otherEmployee.guid, password: freshPassword(), noChangeRequired: true },
      { headers: { "x-zitadel-orgid": w.other.guid } },
    );
    expect(res.details?.resourceOwner).toBe(w.other.guid);
    expect(timestampMs(res.details!.creationDate!)).toBeLessThanOrEqual(timestampMs(res.details!.changeDate!));
    expect(await passwordChangeRequired(w.otherEmployee.guid)).toBe(false);
  });

  it("NotFound for an unknown user and, alike, another org's user or an org named without rights", async () => {
    const w = t.world;
    const a = await refusal(users(wire).setPassword({ userId: UNKNOWN, newPassword: { password: NEW_PASSWORD } }));
    const b = await refusal(users(wire).setPassword({ userId: w.otherEmployee.guid, newPassword: { password: NEW_PASSWORD } }));
    const c = await refusal(
      management(wire).setHumanPassword(
        { userId: w.employees[1]!.guid, password: NEW_PASSWORD },
        { headers: { "x-zitadel-orgid": w.other.guid } },
      ),
    );
    for (const e of [a, b, c]) expect(e.code).toBe(Code.NotFound);
    expect(b.rawMessage).toBe(a.rawMessage);
    const [detail] = a.findDetails(ErrorDetailSchema);
    expect(detail).toMatchObject({ id: "LATCHKEY-NotFound", message: a.rawMessage });
  });

  it("InvalidArgument for the vendor's validate.rules (before any lookup), a wrong code or current password, a bad urlTemplate", async () => {
    const id = t.world.employees[4]!.guid;
    const cases = [
      () => users(wire).setPassword({ userId: "u".repeat(201), newPassword: { password: NEW_PASSWORD } }),
      () => users(wire).setPassword({ userId: UNKNOWN, newPassword: { password: "p".repeat(201) } }),
      () => management(wire).setHumanPassword({ userId: id, password: "p".repeat(73) }),
      () =>
        users(wire).setPassword({
          userId: id,
          newPassword: { password: NEW_PASSWORD },
          verification: { case: "currentPassword", value: "Wrong-password-123" },
        }),
      () => users(wire).passwordReset({ userId: id, medium: { case: "sendLink", value: { urlTemplate: "https://a.test/{{.Secret}}" } } }),
      () => users(wire).passwordReset({ userId: id, medium: { case: "sendLink", value: { urlTemplate: "" } } }),
    ];
    for (const call of cases) expect((await refusal(call())).code).toBe(Code.InvalidArgument);
    // A broken validate.rules is a bare status, as ZITADEL's validation interceptor sends it; other refusals carry an ErrorDetail.
    const rule = await refusal(users(wire).setPassword({ userId: "u".repeat(201), newPassword: { password: NEW_PASSWORD } }));
    expect(rule.rawMessage).toBe("invalid SetPasswordRequest.UserId: value length must be between 1 and 200 runes, inclusive");
    expect(rule.details).toEqual([]);
    const wrong = await refusal(
      users(wire).setPassword({
        userId: id,
        newPassword: { password: NEW_PASSWORD },
        verification: { case: "currentPassword", value: "Wrong-password-123" },
      }),
    );
    expect(wrong.findDetails(ErrorDetailSchema)).toHaveLength(1);
  });

  it("FailedPrecondition for an archived user, PermissionDenied without admin rights or for the owner", async () => {
    const w = t.world;
    expect((await refusal(users(wire).setPassword({ userId: w.archived.guid, newPassword: { password: NEW_PASSWORD } }))).code).toBe(
      Code.FailedPrecondition,
    );
    expect(
      (await refusal(users(wire, w.tokens.employee).setPassword({ userId: w.employees[1]!.guid, newPassword: { password: NEW_PASSWORD } })))
        .code,
    ).toBe(Code.PermissionDenied);
    expect((await refusal(management(wire, w.tokens.admin).setHumanPassword({ userId: w.owner.guid, password: NEW_PASSWORD }))).code).toBe(
      Code.PermissionDenied,
    );
  });

  it("Unauthenticated without a valid token; Unimplemented for the methods Latchkey does not serve", async () => {
    for (const token of ["", "lk_nope_nope", t.world.tokens.revoked]) {
      const e = await refusal(
        users(wire, token).setPassword({ userId: t.world.employees[1]!.guid, newPassword: { password: NEW_PASSWORD } }),
      );
      expect(e.code).toBe(Code.Unauthenticated);
    }
    expect((await refusal(users(wire).getUserByID({ userId: t.world.employees[1]!.guid }))).code).toBe(Code.Unimplemented);
    expect((await refusal(management(wire).healthz({}))).code).toBe(Code.Unimplemented);
  });

  it("ResourceExhausted for the resend cooldown, with Retry-After", async () => {
    const id = t.world.employees[0]!.guid;
    afterCooldown(t);
    await users(wire).passwordReset({ userId: id, medium: { case: "sendLink", value: {} } });
    const e = await refusal(users(wire).passwordReset({ userId: id, medium: { case: "sendLink", value: {} } }));
    expect(e.code).toBe(Code.ResourceExhausted);
    expect(Number(e.metadata.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("the same core as the REST paths", () => {
  it("Idempotency-Key replays the stored answer (the same code) and the audit event carries the request id", async () => {
    const id = t.world.employees[1]!.guid;
    const headers = { "idempotency-key": "sdk-retry-1", "x-request-id": "sdk-request-1" };
    let replayed: string | null = null;
    const first = await users("grpc").passwordReset({ userId: id, medium: { case: "returnCode", value: {} } }, { headers });
    const again = await users("connect-binary").passwordReset(
      { userId: id, medium: { case: "returnCode", value: {} } },
      { headers, onHeader: (h) => (replayed = h.get("idempotent-replayed")) },
    );
    expect(again.verificationCode).toBe(first.verificationCode);
    expect(replayed).toBe("true");
    const events = await t.sql<{ action: string; outcome: string }>(
      "SELECT action, outcome FROM audit_events WHERE request_id = ?",
      "sdk-request-1",
    );
    expect(events).toEqual([{ action: "employee.request_password_reset", outcome: "success" }]);
  });

  it("a message over 64 KiB is ResourceExhausted before anything runs", async () => {
    const e = await refusal(
      users("grpc").setPassword({ userId: t.world.employees[1]!.guid, newPassword: { password: "p".repeat(70_000) } }),
    );
    expect(e.code).toBe(Code.ResourceExhausted);
  });

  it("no password or code reaches the log; each call is one line with its method and code", async () => {
    await users("grpc")
      .setPassword({ userId: t.world.employees[1]!.guid, newPassword: { password: PASSWORD } })
      .catch(() => {});
    const reset = await users("connect-json").passwordReset({
      userId: t.world.employees[4]!.guid,
      medium: { case: "returnCode", value: {} },
    });
    const web = await users("grpc-web").passwordReset({ userId: t.world.employees[4]!.guid, medium: { case: "returnCode", value: {} } });
    const lines = t.logLines.filter((l) => l.includes('"family":"zitadelRpc"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: "http.request",
        route: "/zitadel.user.v2.UserService/SetPassword",
        protocol: "grpc",
        grpcCode: 0,
        status: 200,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ route: "/zitadel.user.v2.UserService/PasswordReset", protocol: "connect", requestId: expect.any(String) }),
    );
    expect(t.logLines.join("\n")).not.toContain(PASSWORD);
    expect(lines).toContainEqual(expect.objectContaining({ route: "/zitadel.user.v2.UserService/PasswordReset", protocol: "grpc-web" }));
    expect(t.logLines.join("\n")).not.toContain(reset.verificationCode);
    expect(t.logLines.join("\n")).not.toContain(web.verificationCode);
  });

  it("the REST paths answer over h2c too, on the same port", async () => {
    const session: ClientHttp2Session = connect(t.url);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = session.request({
          ":method": "POST",
          ":path": `/v2/users/${t.world.employees[1]!.guid}/password_reset`,
          authorization: `Bearer ${t.world.tokens.service}`,
          "content-type": "application/json",
        });
        req.on("response", (h) => resolve(Number(h[":status"])));
        req.on("error", reject);
        req.end(JSON.stringify({ returnCode: {} }));
      });
      expect(status).toBe(200);
    } finally {
      session.close();
    }
  });
});
