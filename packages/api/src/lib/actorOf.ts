// Who an audit event or an idempotency record names as the actor of a call.
import type { Context } from "../context";

export function actorOf(ctx: Pick<Context, "principal">): { type: "employee" | "service" | "anonymous" | "system"; id: string | null } {
  const p = ctx.principal;
  if (!p) return { type: "anonymous", id: null };
  switch (p.kind) {
    case "system":
      return { type: "system", id: null };
    case "serviceToken":
      return { type: "service", id: p.tokenId };
    default:
      return { type: "employee", id: p.employee.guid };
  }
}
