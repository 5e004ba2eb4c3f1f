import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError } from "zod";
import { isConnectionFailure, isUnstorableText, type Organization } from "@latchkey/db";
import type { AuditScope, Context, Principal } from "./context";
import { DomainError, isDomainError, noPermissions, unauthorized, type DomainErrorCode } from "./errors";
import { isOrgAdmin, resolveActingOrg } from "./lib/actingOrg";
import { answerOfConcurrentTwin, openIdempotency, storeIdempotentResult } from "./lib/idempotency";
import { recordRefusal } from "./lib/audited";
import { answeredByMiddleware } from "./lib/middlewareAnswer";
import type { AuditNaming } from "./lib/auditActions";
import { isRestricted, roleOf } from "./lib/principal";

/*
 * 1. Error mapping: the one place domain errors become tRPC errors.
 */
const TRPC_CODE: Partial<Record<DomainErrorCode, TRPC_ERROR_CODE_KEY>> = {
  Unauthorized: "UNAUTHORIZED",
  WrongActivationCode: "UNAUTHORIZED",
  WrongUsernameOrPassword: "UNAUTHORIZED",
  NoPermissions: "FORBIDDEN",
  NotAllowedForOwner: "FORBIDDEN",
  NotFound: "NOT_FOUND",
  ReferenceNotFound: "NOT_FOUND",
  Duplicate: "CONFLICT",
  TooManyRequests: "TOO_MANY_REQUESTS",
  TrySendCodeLater: "TOO_MANY_REQUESTS",
  TryActivateLater: "TOO_MANY_REQUESTS",
  TryLater: "TOO_MANY_REQUESTS",
  NotificationsAreOutOfService: "SERVICE_UNAVAILABLE",
  ServiceUnavailable: "SERVICE_UNAVAILABLE",
  InternalServerError: "INTERNAL_SERVER_ERROR",
};

/** Turns anything a procedure threw into a DomainError; unknown errors never leak their message. */
export function toDomainError(err: unknown): DomainError {
  if (isDomainError(err)) return err;
  if (err instanceof TRPCError) {
    if (isDomainError(err.cause)) return err.cause;
    if (err.cause instanceof ZodError) {
      const issue = err.cause.issues[0];
      const field = issue?.path.join(".") ?? "";
      const keys = issue?.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
      return new DomainError("RequestIsNotValid", `${field ? `${field}: ` : ""}${issue?.message ?? "invalid input"}${keys}`, {
        ...(field ? { field } : {}),
      });
    }
    switch (err.code) {
      case "BAD_REQUEST":
      case "PARSE_ERROR":
        return new DomainError("BadRequest", "The request could not be read.");
      case "UNAUTHORIZED":
        return unauthorized();
      case "FORBIDDEN":
        return noPermissions();
      case "NOT_FOUND":
        return new DomainError("NotFound", "Not found.");
      case "METHOD_NOT_SUPPORTED":
        return new DomainError("NotAllowed", "This method is not allowed here.");
      case "PAYLOAD_TOO_LARGE":
        return new DomainError("BadRequest", "The request body is too large.");
      case "TOO_MANY_REQUESTS":
        return new DomainError("TooManyRequests", "Too many requests.");
    }
  }
  if (isConnectionFailure(err) || (err instanceof TRPCError && isConnectionFailure(err.cause)))
    return new DomainError("ServiceUnavailable", "The service cannot reach its database right now; try again shortly.", {
      retryAfterSeconds: 5,
    });
  // PostgreSQL's text cannot hold NUL: a value carrying one (a login, a name) is a bad request,
  // as SQLite's path refuses it elsewhere; the value is never echoed.
  if (isUnstorableText(err) || (err instanceof TRPCError && isUnstorableText(err.cause)))
    return new DomainError("RequestIsNotValid", "The request holds a character that cannot be stored (NUL).");
  return new DomainError("InternalServerError", "Internal server error.");
}

export function trpcCodeOf(code: DomainErrorCode): TRPC_ERROR_CODE_KEY {
  return TRPC_CODE[code] ?? "BAD_REQUEST";
}

/*
 * 2. Initialization.
 */

/** What a procedure declares about itself with `.meta(...)`. */
export interface ProcedureMeta {
  /** Every mutation's audit name (lib/auditActions.ts); test/auditActions.test.ts holds each to it. */
  audit?: AuditNaming;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const domain = toDomainError(error);
      return {
        ...shape,
        message: domain.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          domainCode: domain.code,
          field: domain.field ?? null,
          retryAfterSeconds: domain.retryAfterSeconds ?? null,
          rule: domain.rule ?? null,
          limit: domain.limit ?? null,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const domain = toDomainError(result.error);
    if (result.error.cause !== domain) {
      throw new TRPCError({ code: trpcCodeOf(domain.code), message: domain.message, cause: domain });
    }
    if (result.error.code !== trpcCodeOf(domain.code)) {
      throw new TRPCError({ code: trpcCodeOf(domain.code), message: domain.message, cause: domain });
    }
  }
  return result;
});

/** Every call's outcome, for the metrics: "ok" or its domain code (after mapErrors settled it). */
const countOutcome = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  ctx.services.metrics.operation(path, result.ok ? "ok" : toDomainError(result.error).code);
  return result;
});

/**
 * docs/SPEC.md §2: every attempt writes one audit event, under the name the procedure declares
 * (`.meta({ audit })`). Actions record theirs through `audited`, which reads the name from
 * `ctx.auditScope`; a mutation refused before its action ran (no or dead credentials, no rights,
 * another organization, malformed input) is recorded here, under the same name.
 */
const auditRefusals = t.middleware(async ({ ctx, type, path, meta, getRawInput, next }) => {
  if (type !== "mutation") return next();
  if (!meta?.audit) throw new Error(`${path}: a mutation declares its audit name with .meta({ audit })`);
  // An input that cannot even be read is still a refusal to record: the naming's fallback names it.
  const action = typeof meta.audit === "function" ? meta.audit(await getRawInput().catch(() => undefined)) : meta.audit;
  const auditScope: AuditScope = { action, recorded: false };
  const result = await next({ ctx: { auditScope } });
  if (!result.ok && !auditScope.recorded) await recordRefusal(ctx, auditScope.action, toDomainError(result.error).code);
  return result;
});

/*
 * 3. Procedures. Each narrows the context so actions never re-check who the caller is.
 */

/** Anyone: sign-in, completing a reset, activating a workplace. */
export const publicProcedure = t.procedure.use(countOutcome).use(mapErrors).use(auditRefusals);

/**
 * Idempotency-Key for every signed-in mutation (lib/idempotency.ts): a stored result is replayed
 * without running the procedure; otherwise the claim rides in ctx until `audited` commits.
 */
const idempotent = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  const opened = type === "mutation" ? await openIdempotency(ctx, path, await getRawInput()) : null;
  if (!opened) return next();
  const replay = (data: unknown) => {
    ctx.response.replayed = true;
    return answeredByMiddleware(next, data);
  };
  if ("replay" in opened) return replay(opened.replay);
  const result = await next({ ctx: { idempotency: opened.claim } });
  // A request that failed without taking the key may have met its twin's effect rather than its
  // key: TryLater from the reservation, or a refusal caused by the twin's change (e.g. "password
  // used recently" read after the twin committed). Whenever a twin took the key meanwhile, its
  // answer is this request's answer, never a different refusal.
  if (!result.ok && !opened.claim.reserved) {
    const twin = await answerOfConcurrentTwin(ctx, opened.claim);
    if (twin) return replay(twin.replay);
  }
  // A retry after a crash must find the stored answer: it is durable before this one leaves.
  if (result.ok) await storeIdempotentResult(ctx, opened.claim, result.data);
  return result;
});

/** Any signed-in caller, including a restricted session that may only change its password. */
export const sessionProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.principal) throw unauthorized();
    return next({ ctx: { principal: ctx.principal } });
  })
  .use(idempotent);

/** A signed-in caller with full rights of its role. */
export const signedInProcedure = sessionProcedure.use(({ ctx, next }) => {
  if (isRestricted(ctx.principal)) throw new DomainError("NoPermissions", "Your password must be changed before you can continue.");
  return next();
});

/** Any signed-in member of the organization acted in (no admin rights needed). */
export const orgMemberProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  const org: Organization = await resolveActingOrg(ctx, ctx.principal);
  return next({ ctx: { org } });
});

/** An owner or admin of the organization acted in, or an instance admin naming it. */
export const orgAdminProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  const org: Organization = await resolveActingOrg(ctx, ctx.principal);
  if (!isOrgAdmin(ctx.principal)) throw noPermissions();
  return next({ ctx: { org } });
});

/** The owner of the organization, or an instance admin: policy settings. */
export const ownerProcedure = orgAdminProcedure.use(({ ctx, next }) => {
  if (!ctx.principal.instanceAdmin && roleOf(ctx.principal) !== "owner") throw noPermissions();
  return next();
});

/** An operator of the whole installation. */
export const instanceAdminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!ctx.principal.instanceAdmin) throw noPermissions();
  return next();
});

export type OrgAdminContext = Context & { principal: Principal; org: Organization };
export type SignedInContext = Context & { principal: Principal };
