// Every credential operation runs through `audited`: its writes and its success audit event
// commit in one BEGIN IMMEDIATE transaction (in the server, a savepoint of the turn's group
// commit: @latchkey/db groupCommit.ts); a failure rolls the writes back and records one failure
// event (plus any failure counters the action registered) in a transaction of its own. The
// operation answers only once its transaction is durable.
import type { Tx } from "@latchkey/db";
import type { Context } from "../context";
import { DomainError } from "../errors";
import { actorOf } from "./actorOf";
import { reserveIdempotency } from "./idempotency";
import { prepared } from "./prepared";

export interface AuditSpec {
  action: string;
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
  /** Runs the writes and the success event in one transaction. Call it once. */
  commit<R>(work: (tx: Tx) => R): R;
  /** Registers writes that must persist even though the operation fails (failure counters). */
  onFailure(work: (tx: Tx) => void): void;
}

function writeEvent(
  ctx: Context,
  spec: AuditSpec,
  outcome: "success" | "failure",
  reason: string | null,
  actor: ReturnType<typeof actorOf> = spec.actor ?? actorOf(ctx),
): void {
  const client = { ...ctx.meta.client, ...(ctx.meta.userAgent ? { userAgent: ctx.meta.userAgent } : {}) };
  // Prepared once per database; it runs inside the transaction open on the connection.
  prepared(ctx.services.db).insertAuditEvent.run({
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
 * the connection (an `op.onFailure` or `op.commit` callback).
 */
export function writeSystemEvent(ctx: Context, spec: AuditSpec): void {
  writeEvent(ctx, spec, "success", null, { type: "system", id: null });
}

/**
 * Per call (not per request: a tRPC batch shares one context), whether `audited` recorded the
 * attempt. Set up by the procedure chain so refusals that happen before any action runs
 * (no credentials, no rights, another organization, malformed input) are recorded too.
 */
export interface AuditScope {
  recorded: boolean;
}

/**
 * Records a mutation refused before its action ran: one failure event named by the procedure,
 * durable before the refusal is answered (its loss is not the caller's error).
 */
export async function recordRefusal(ctx: Context, procedurePath: string, reason: string): Promise<void> {
  const spec: AuditSpec = { action: procedurePath, orgGuid: ctx.principal?.orgGuid || null };
  ctx.services.db.transaction(() => writeEvent(ctx, spec, "failure", reason), { behavior: "immediate" });
  await ctx.services.database.durable().catch(() => {});
}

export async function audited<T>(ctx: Context, initial: AuditSpec, run: (op: AuditedOp) => Promise<T> | T): Promise<T> {
  const scope = (ctx as Context & { auditScope?: AuditScope }).auditScope;
  if (scope) scope.recorded = true;
  const spec: AuditSpec = { orgGuid: ctx.principal?.orgGuid || null, ...initial };
  const failureWork: ((tx: Tx) => void)[] = [];
  let committed = false;
  let durable: Promise<void> = Promise.resolve();
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
    commit(work) {
      if (committed) throw new Error("audited: commit called twice");
      const result = ctx.services.db.transaction(
        (tx) => {
          const r = work(tx);
          // An idempotency key is taken in the same transaction as the change (lib/idempotency.ts).
          reserveIdempotency(ctx, tx);
          writeEvent(ctx, spec, "success", null);
          return r;
        },
        { behavior: "immediate" },
      );
      committed = true;
      // With group commit the change is durable only once its group commits: the operation does
      // not report success before that. Taken now, so a later group cannot stand in for this one.
      durable = ctx.services.database.durable();
      durable.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
      return result;
    },
    onFailure(work) {
      failureWork.push(work);
    },
  };
  let lost = false;
  try {
    const result = await run(op);
    if (!committed) throw new Error(`audited: ${spec.action} finished without committing`);
    await durable.catch((err: unknown) => {
      lost = true; // the group's COMMIT failed: the change and its success event are gone
      throw err;
    });
    return result;
  } catch (err) {
    if (!committed || lost) {
      const reason = err instanceof DomainError ? err.code : "InternalServerError";
      ctx.services.db.transaction(
        (tx) => {
          if (!lost) for (const w of failureWork) w(tx);
          writeEvent(ctx, spec, "failure", reason);
        },
        { behavior: "immediate" },
      );
      // The failure event and its counters (wrong codes, lockouts) are durable before the refusal
      // is answered, so a crash right after cannot hand out the guess again or lose the attempt.
      // Their loss is not the caller's error.
      await ctx.services.database.durable().catch(() => {});
    }
    throw err;
  }
}
