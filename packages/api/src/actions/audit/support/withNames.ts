// Names for the ids an audit page shows (docs/SPEC.md §2.2: an event records ids only, so a
// renamed employee's history reads under the name they have now). Read after the page, a batch
// per kind of object, each scoped to the organization acted in; an instance admin, who acts from
// the installation's own organization, is named too.
import { and, eq, inArray, or } from "@latchkey/db";
import type { OrgAdminContext } from "../../../trpc";
import type { AuditEventView } from "../schemas";

type Named = AuditEventView & { actorName: string | null; targetName: string | null };

const idsOf = (events: AuditEventView[], pick: (e: AuditEventView) => [string | null, string | null][], type: string) => [
  ...new Set(events.flatMap((e) => pick(e).flatMap(([t, id]) => (t === type && id ? [id] : [])))),
];

export async function withNames<P extends { items: AuditEventView[] }>(
  ctx: OrgAdminContext,
  page: P,
): Promise<Omit<P, "items"> & { items: Named[] }> {
  const db = ctx.services.database.db;
  const { apiTokens, employees, organizations, outlets, workplaces } = db.tables;
  const org = ctx.org.guid;
  const both = (e: AuditEventView): [string | null, string | null][] => [
    [e.actorType, e.actorId],
    [e.targetType, e.targetId],
  ];
  const people = idsOf(page.items, both, "employee");
  const tokens = [
    ...new Set([...idsOf(page.items, (e) => [[e.actorType, e.actorId]], "service"), ...idsOf(page.items, both, "api_token")]),
  ];
  const places = idsOf(page.items, both, "workplace");
  const shops = idsOf(page.items, both, "outlet");
  const names = new Map<string, string>();
  const add = (rows: { id: string; name: string }[]) => rows.forEach((r) => names.set(r.id, r.name));
  if (people.length) {
    add(
      await db
        .select({ id: employees.guid, name: employees.displayName })
        .from(employees)
        .innerJoin(organizations, eq(organizations.guid, employees.orgGuid))
        .where(and(inArray(employees.guid, people), or(eq(employees.orgGuid, org), eq(organizations.system, true)))),
    );
  }
  if (tokens.length)
    add(
      await db
        .select({ id: apiTokens.id, name: apiTokens.name })
        .from(apiTokens)
        .where(and(inArray(apiTokens.id, tokens), eq(apiTokens.orgGuid, org))),
    );
  if (places.length)
    add(
      await db
        .select({ id: workplaces.guid, name: workplaces.name })
        .from(workplaces)
        .where(and(inArray(workplaces.guid, places), eq(workplaces.orgGuid, org))),
    );
  if (shops.length)
    add(
      await db
        .select({ id: outlets.guid, name: outlets.name })
        .from(outlets)
        .where(and(inArray(outlets.guid, shops), eq(outlets.orgGuid, org))),
    );
  names.set(org, ctx.org.name);
  const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    ...page,
    items: page.items.map((e) => ({ ...e, actorName: nameOf(e.actorId), targetName: nameOf(e.targetId) })),
  };
}
