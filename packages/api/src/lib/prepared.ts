// Prepared statements for the per-request hot path (auth lookups, the audit insert, activation
// codes). drizzle's .prepare() is as fast as raw better-sqlite3, while building the query each
// time is about 3x slower; on PostgreSQL a named statement is parsed and planned once per
// connection. Statements belong to a query handle: `prepared(tx)` inside a transaction (they run
// in it), `prepared(services.database.db)` for reads outside one.
import { and, eq, forUpdateOf, isNull, lte, sql, type Db } from "@latchkey/db";

const p = sql.placeholder;
function build(db: Db) {
  const { activationCodes, apiTokens, auditEvents, employees, organizations, sessions, workplaces } = db.tables;
  const openCode = and(isNull(activationCodes.consumedAt), isNull(activationCodes.revokedAt));
  return {
    // A credential and its employee in one statement: every signed-in request starts here, and on
    // PostgreSQL each statement is a round trip.
    // Its organization too: most requests act in it (lib/actingOrg.ts).
    tokenWithEmployee: db
      .select({ token: apiTokens, employee: employees, org: organizations })
      .from(apiTokens)
      .leftJoin(employees, eq(employees.id, apiTokens.employeeId))
      .leftJoin(organizations, eq(organizations.guid, apiTokens.orgGuid))
      .where(eq(apiTokens.prefix, sql.placeholder("prefix")))
      .prepare("lk_tokenWithEmployeeByPrefix"),
    sessionWithEmployee: db
      .select({ session: sessions, employee: employees, org: organizations })
      .from(sessions)
      .innerJoin(employees, eq(employees.id, sessions.employeeId))
      .leftJoin(organizations, eq(organizations.guid, sessions.orgGuid))
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare("lk_sessionWithEmployeeById"),
    employeeById: db
      .select()
      .from(employees)
      .where(eq(employees.id, sql.placeholder("id")))
      .prepare("lk_employeeById"),
    orgByGuid: db
      .select()
      .from(organizations)
      .where(eq(organizations.guid, sql.placeholder("guid")))
      .prepare("lk_orgByGuid"),
    orgByAlias: db
      .select()
      .from(organizations)
      .where(eq(sql`lower(${organizations.alias})`, sql`lower(${sql.placeholder("alias")})`))
      .prepare("lk_orgByAlias"),
    touchToken: db
      .update(apiTokens)
      .set({ lastUsedAt: sql`${sql.placeholder("now")}` })
      .where(eq(apiTokens.id, sql.placeholder("id")))
      .prepare("lk_touchToken"),
    // The employee named in a request: most admin operations start here.
    employeeInOrg: db
      .select()
      .from(employees)
      .where(and(eq(employees.orgGuid, p("orgGuid")), eq(employees.guid, p("guid"))))
      .prepare("lk_employeeInOrg"),
    // A new activation code's workplace, locked until the transaction ends (concurrent codes for
    // one workplace take turns, on any instance), and the employee named in the body: one
    // statement, a round trip each fewer on PostgreSQL.
    workplaceForCode: forUpdateOf(
      db,
      db
        .select({ workplace: workplaces, employee: employees })
        .from(workplaces)
        .leftJoin(employees, and(eq(employees.orgGuid, p("orgGuid")), eq(employees.guid, p("employeeGuid"))))
        .where(and(eq(workplaces.orgGuid, p("orgGuid")), eq(workplaces.guid, p("guid")))),
      workplaces,
    ).prepare("lk_workplaceForCode"),
    insertAuditEvent: db
      .insert(auditEvents)
      .values({
        orgGuid: p("orgGuid"),
        actorType: p("actorType"),
        actorId: p("actorId"),
        action: p("action"),
        targetType: p("targetType"),
        targetId: p("targetId"),
        outcome: p("outcome"),
        reason: p("reason"),
        client: p("client"),
        ip: p("ip"),
        requestId: p("requestId"),
        createdAt: p("createdAt"),
      })
      .prepare("lk_insertAuditEvent"),
    revokeOpenCodesOfWorkplace: db
      .update(activationCodes)
      .set({ revokedAt: sql`${p("now")}` })
      .where(and(eq(activationCodes.workplaceGuid, p("workplaceGuid")), openCode))
      .prepare("lk_revokeOpenCodesOfWorkplace"),
    revokeExpiredCodeByHash: db
      .update(activationCodes)
      .set({ revokedAt: sql`${p("now")}` })
      .where(and(eq(activationCodes.codeHash, p("hash")), openCode, lte(activationCodes.expiresAt, p("now"))))
      .returning({ id: activationCodes.id })
      .prepare("lk_revokeExpiredCodeByHash"),
    insertActivationCode: db
      .insert(activationCodes)
      .values({
        orgGuid: p("orgGuid"),
        workplaceGuid: p("workplaceGuid"),
        employeeId: p("employeeId"),
        outletGuid: p("outletGuid"),
        codeHash: p("hash"),
        createdAt: p("now"),
        expiresAt: p("expiresAt"),
      })
      // A live code with the same hash (activation_codes_open_hash_uq) makes this insert store
      // nothing. (The workplace's own open code, activation_codes_open_workplace_uq, was revoked
      // just before, under the workplace's row lock.)
      .onConflictDoNothing()
      .returning({ id: activationCodes.id })
      .prepare("lk_insertActivationCode"),
    touchSession: db
      .update(sessions)
      .set({ lastSeenAt: sql`${sql.placeholder("now")}` })
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare("lk_touchSession"),
  };
}

/**
 * Builds a set of statements once per query handle: the database's read handle, and on
 * PostgreSQL each pooled connection's (a named statement is prepared per connection).
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}

export const prepared = perDatabase(build);
