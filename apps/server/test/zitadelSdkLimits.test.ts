// The request limit per token holds for ZITADEL's SDK as for every other surface: the same
// budget, spent over gRPC and Connect alike, then ResourceExhausted with Retry-After.
import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { NewAuthorizationBearerInterceptor } from "@zitadel/client";
import { createServerTransport } from "@zitadel/client/node";
import { createUserServiceClient } from "@zitadel/client/v2";
import { freshPassword } from "./passwords";
import { useServer } from "./useServer";

const t = useServer({ LATCHKEY_RATE_LIMIT_PER_TOKEN: "2" });

async function refusal(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (err) {
    return ConnectError.from(err);
  }
  throw new Error("expected the call to be refused");
}

describe("request limits over the vendor's SDK", () => {
  it("ResourceExhausted once the token's budget is spent, on every wire alike", async () => {
    const token = t.world.tokens.service;
    const grpc = createUserServiceClient(createServerTransport(token, { baseUrl: t.url }));
    const call = () => grpc.setPassword({ userId: t.world.employees[1]!.guid, newPassword: { password: freshPassword() } });
    await call();
    await call();
    const e = await refusal(call());
    expect(e.code).toBe(Code.ResourceExhausted);
    expect(Number(e.metadata.get("retry-after"))).toBeGreaterThan(0);
    const json = createUserServiceClient(
      createConnectTransport({ baseUrl: t.url, httpVersion: "1.1", interceptors: [NewAuthorizationBearerInterceptor(token)] }),
    );
    expect((await refusal(json.passwordReset({ userId: t.world.employees[1]!.guid }))).code).toBe(Code.ResourceExhausted);
  });
});
