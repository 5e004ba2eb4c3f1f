// ZITADEL's own RPC services, as the vendor's SDK (@zitadel/client) calls them: the Connect
// protocol (JSON and binary, HTTP/1.1 or HTTP/2), gRPC (HTTP/2) and gRPC-web, on the descriptors from
// @zitadel/proto. Each implemented method is the same zitadelMethods.ts entry the REST path
// uses, through the same call context (token, x-zitadel-orgid, limits, idempotency, deadline);
// every other method of these services answers Unimplemented.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createContextKey, createContextValues, type HandlerContext, type Interceptor } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { createCaller, toDomainError, type Services } from "@latchkey/api";
import { ErrorDetailSchema } from "@zitadel/proto/zitadel/message_pb.js";
import { ManagementService } from "@zitadel/proto/zitadel/management_pb.js";
import { UserService } from "@zitadel/proto/zitadel/user/v2/user_service_pb.js";
import { openCallContext, withDeadline } from "../callContext";
import { MAX_BODY_BYTES } from "../edgeError";
import { zitadel } from "../families/zitadel";
import { grpcCodeOf, httpOfGrpc } from "../grpcCodes";
import { chooseRequestId } from "../requestLog";
import { requestMetaOf } from "../requestMeta";
import type { Invocation } from "../route";
import { RuleViolation } from "./validateRules";
import { passwordReset, setHumanPassword, setPassword } from "./zitadelMethods";

type NodeRequest = IncomingMessage | Http2ServerRequest;
type NodeResponse = ServerResponse | Http2ServerResponse;

const SERVICES = [UserService, ManagementService];
const PREFIXES = SERVICES.map((s) => `/${s.typeName}/`);

/** Paths of the RPC services (`/zitadel.user.v2.UserService/SetPassword`, …). */
export function isRpcPath(pathname: string): boolean {
  return PREFIXES.some((p) => pathname.startsWith(p));
}

const kPeer = createContextKey<string | undefined>(undefined, { description: "the socket's peer address" });
const kRequestId = createContextKey<string>("", { description: "the id of the call's log line and audit event" });

interface RpcMethod<I extends DescMessage, R> {
  invoke(req: MessageShape<I>): Invocation<R>;
  reply(out: R): unknown;
}

/**
 * The domain error as the gRPC status ZITADEL sends: its code, message and a zitadel.v1.ErrorDetail;
 * a validate.rules violation is a bare InvalidArgument, as ZITADEL's validation interceptor sends it.
 */
function rpcError(services: Services, err: unknown): ConnectError {
  if (err instanceof ConnectError) return err;
  const domain = toDomainError(err);
  if (domain.code === "InternalServerError") services.log.error("rpc.internal_error", { name: (err as Error)?.name ?? "unknown" });
  const code = grpcCodeOf(domain) as Code;
  if (domain instanceof RuleViolation) return new ConnectError(domain.message, code);
  const metadata = new Headers();
  if (code === Code.ResourceExhausted) metadata.set("retry-after", String(domain.retryAfterSeconds ?? 60));
  return new ConnectError(domain.message, code, metadata, [
    { desc: ErrorDetailSchema, value: { id: `LATCHKEY-${domain.code}`, message: domain.message } },
  ]);
}

function handler<I extends DescMessage, R>(services: Services, m: RpcMethod<I, R>) {
  return async (req: MessageShape<I>, context: HandlerContext) => {
    const base = requestMetaOf(services, context.requestHeader, context.values.get(kPeer), context.values.get(kRequestId));
    try {
      const ctx = await openCallContext(services, { headers: context.requestHeader, base, family: zitadel, auth: "bearer" });
      const out = await withDeadline(m.invoke(req)(createCaller(ctx)));
      if (ctx.response.replayed) context.responseHeader.set("idempotent-replayed", "true");
      return m.reply(out) as never;
    } catch (err) {
      throw rpcError(services, err);
    }
  };
}

/** Which of the three protocols a call spoke, from its content type. */
function protocolOf(contentType: string | null): "grpc" | "grpc-web" | "connect" {
  if (contentType?.startsWith("application/grpc-web")) return "grpc-web";
  return contentType?.startsWith("application/grpc") ? "grpc" : "connect";
}

/**
 * One log line per call in the request log's shape (the method's path as its route, the gRPC
 * code beside the status its REST twin would answer), counted in the metrics under the family
 * `zitadelRpc`; never a message. It also picks the request id the answer and the audit carry.
 */
function logCalls(services: Services): Interceptor {
  return (next) => async (req) => {
    const started = performance.now();
    const requestId = chooseRequestId(services, req.header.get("x-request-id"));
    req.contextValues.set(kRequestId, requestId);
    const route = `/${req.service.typeName}/${req.method.name}`;
    let code = 0;
    try {
      const res = await next(req);
      res.header.set("x-request-id", requestId);
      return res;
    } catch (err) {
      const e = ConnectError.from(err);
      e.metadata.set("x-request-id", requestId);
      code = e.code;
      throw e;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const status = code === 0 ? 200 : httpOfGrpc(code, 400);
      services.metrics.request({ family: "zitadelRpc", route, method: "POST", status, seconds });
      services.log.info("http.request", {
        method: "POST",
        route,
        family: "zitadelRpc",
        protocol: protocolOf(req.header.get("content-type")),
        grpcCode: code,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        requestId,
      });
    }
  };
}

/** A Node request listener for HTTP/1.1 and HTTP/2 alike; other paths get a 404. */
export function createRpcHandler(services: Services): (req: NodeRequest, res: NodeResponse) => void {
  const adapter = connectNodeAdapter({
    routes(router) {
      router.service(UserService, {
        setPassword: handler(services, setPassword),
        passwordReset: handler(services, passwordReset),
      });
      router.service(ManagementService, { setHumanPassword: handler(services, setHumanPassword) });
    },
    // The REST bound: a bigger message is ResourceExhausted before it is decoded.
    readMaxBytes: MAX_BODY_BYTES,
    // ZITADEL serves gRPC-web on its one port beside gRPC (its SDK's web transport speaks it).
    grpcWeb: true,
    interceptors: [logCalls(services)],
    contextValues: (req) => createContextValues().set(kPeer, req.socket?.remoteAddress),
  });
  return (req, res) => adapter(req, res);
}
