// Every credential operation runs through `audited`: its writes and its success audit event
// commit in one transaction; a failure rolls the writes back and records one failure event
// (plus any failure counters the action registered) in a transaction of its own. The operation
// answers only once its transaction is durable (`database.transaction` resolves then, group
// commit included).
import type { Tx } from "@latchkey/db";
import type { Context } from "../context";
import type { AuditAction } from "./auditActions";
import { DomainError } from "../errors";
import { actorOf } from "./actorOf";
import { reserveIdempotency } from "./idempotency";
import { prepared } from "./prepared";

export interface AuditSpec {
  action: AuditAction;
  orgGuid?: string | null;
  targetType?: string;
  targetId?: string;
  /** Who acted, when the request's principal does not say (a sign-in names the employee it let in). */
  actor?: ReturnType<typeof actorOf>;
}

export interface AuditedOp {
  /** Names the target once the action has found it. */
  target(type: string, id: string): void;
  org(guid: string): void;
  /** Names the actor once the action knows it (a successful sign-in: the employee signed in). */
  actor(type: "employee", id: string): void;
  /**
   * Runs the writes and the success event in one transaction and resolves once it is durable.
   * Call it once. On PostgreSQL `work` may run again after a deadlock: it must only touch `tx`.
   */
  commit<R>(work: (tx: Tx) => Promise<R>): Promise<R>;
  /** Registers writes that must persist even though the operation fails (failure counters). */
  onFailure(work: (tx: Tx) => Promise<void>): void;
}

async function writeEvent(
  tx: Tx,
  ctx: Context,
  spec: AuditSpec,
  outcome: "success" | "failure",
  reason: string | null,
  actor: ReturnType<typeof actorOf> = spec.actor ?? actorOf(ctx),
): Promise<void> {
  const client = { ...ctx.meta.client, ...(ctx.meta.userAgent ? { userAgent: ctx.meta.userAgent } : {}) };
  await prepared(tx).insertAuditEvent.execute({
    orgGuid: spec.orgGuid ?? null,
    actorType: actor.type,
    actorId: actor.id,
    action: spec.action,
    targetType: spec.targetType ?? null,
    targetId: spec.targetId ?? null,
    outcome,
    reason,
    client: Object.keys(client).length ? JSON.stringify(client) : null,
    ip: ctx.meta.ip,
    requestId: ctx.meta.requestId,
    createdAt: ctx.services.clock.now(),
  });
}

/**
 * An event the installation records about itself while serving a request (the activation
 * lockdown starting): actor "system", the request's address and id, in the transaction open on
 * `tx` (an `op.onFailure` or `op.commit` callback's).
 */
export async function writeSystemEvent(ctx: Context, tx: Tx, spec: AuditSpec): Promise<void> {
  await writeEvent(tx, ctx, spec, "success", null, { type: "system", id: null });
}

/**
 * Records a mutation refused before its action ran: one failure event under the procedure's
 * declared name, durable before the refusal is answered (its loss is not the caller's error).
 */
export async function recordRefusal(ctx: Context, action: AuditAction, reason: string): Promise<void> {
  const spec: AuditSpec = { action, orgGuid: ctx.principal?.orgGuid || null };
  await ctx.services.database
    .transaction((tx) => writeEvent(tx, ctx, spec, "failure", reason))
    .catch((err: unknown) => lostRecord(ctx, err));
}

/** A failure record that could not be written (the database is unreachable) is logged, not thrown: the caller's answer is the original error. */
function lostRecord(ctx: Context, err: unknown): void {
  ctx.services.log.error("audit: could not record a failed operation", {
    requestId: ctx.meta.requestId,
    error: (err as { code?: string }).code ?? (err as Error).name,
  });
}

/**
 * Runs an operation under the audit name its procedure declares (`ctx.auditScope`, set by the
 * procedure chain; a console operation outside tRPC sets one itself, see bootstrap.ts).
 */
export async function audited<T>(ctx: Context, initial: Omit<AuditSpec, "action">, run: (op: AuditedOp) => Promise<T>): Promise<T> {
  const scope = ctx.auditScope;
  if (!scope) throw new Error("audited: no audit name in the context (a mutation procedure declares it with .meta({ audit }))");
  scope.recorded = true;
  const spec: AuditSpec = { orgGuid: ctx.principal?.orgGuid || null, ...initial, action: scope.action };
  const failureWork: ((tx: Tx) => Promise<void>)[] = [];
  let committing = false;
  let committed = false;
  const op: AuditedOp = {
    target(type, id) {
      spec.targetType = type;
      spec.targetId = id;
    },
    org(guid) {
      spec.orgGuid = guid;
    },
    actor(type, id) {
      spec.actor = { type, id };
    },
    async commit(work) {
      if (committing) throw new Error("audited: commit called twice");
      committing = true;
      const result = await ctx.services.database.transaction(async (tx) => {
        // An idempotency key is taken first, in the same transaction as the change (lib/idempotency.ts).
        await reserveIdempotency(ctx, tx);
        const r = await work(tx);
        await writeEvent(tx, ctx, spec, "success", null);
        return r;
      });
      committed = true;
      return result;
    },
    onFailure(work) {
      failureWork.push(work);
    },
  };
  try {
    const result = await run(op);
    if (!committed) throw new Error(`audited: ${spec.action} finished without committing`);
    return result;
  } catch (err) {
    if (!committed) {
      const reason = err instanceof DomainError ? err.code : "InternalServerError";
      // The failure event and its counters (wrong codes, lockouts) are durable before the refusal
      // is answered, so a crash right after cannot hand out the guess again or lose the attempt.
      await ctx.services.database
        .transaction(async (tx) => {
          for (const w of failureWork) await w(tx);
          await writeEvent(tx, ctx, spec, "failure", reason);
        })
        .catch((e: unknown) => lostRecord(ctx, e));
    }
    throw err;
  }
}
