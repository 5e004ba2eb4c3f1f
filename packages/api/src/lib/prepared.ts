// Prepared statements for the per-request hot path (auth lookups, the audit insert, activation
// codes). drizzle's .prepare() is as fast as raw better-sqlite3, while building the query each
// time is about 3x slower. better-sqlite3 has one connection, so a statement prepared on the
// database runs inside whatever transaction is open on it (op.commit's included).
import {
  activationCodes,
  and,
  apiTokens,
  auditEvents,
  employees,
  eq,
  isNull,
  lte,
  organizations,
  sessions,
  sql,
  workplaces,
  type Db,
} from "@latchkey/db";

const p = sql.placeholder;
const openCode = and(isNull(activationCodes.consumedAt), isNull(activationCodes.revokedAt));

function build(db: Db) {
  return {
    tokenByPrefix: db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.prefix, sql.placeholder("prefix")))
      .prepare(),
    sessionById: db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare(),
    employeeById: db
      .select()
      .from(employees)
      .where(eq(employees.id, sql.placeholder("id")))
      .prepare(),
    orgByGuid: db
      .select()
      .from(organizations)
      .where(eq(organizations.guid, sql.placeholder("guid")))
      .prepare(),
    orgByAlias: db
      .select()
      .from(organizations)
      .where(eq(sql`lower(${organizations.alias})`, sql`lower(${sql.placeholder("alias")})`))
      .prepare(),
    touchToken: db
      .update(apiTokens)
      .set({ lastUsedAt: sql`${sql.placeholder("now")}` })
      .where(eq(apiTokens.id, sql.placeholder("id")))
      .prepare(),
    workplaceInOrg: db
      .select()
      .from(workplaces)
      .where(and(eq(workplaces.orgGuid, p("orgGuid")), eq(workplaces.guid, p("guid"))))
      .prepare(),
    employeeInOrg: db
      .select()
      .from(employees)
      .where(and(eq(employees.orgGuid, p("orgGuid")), eq(employees.guid, p("guid"))))
      .prepare(),
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
      .prepare(),
    revokeOpenCodesOfWorkplace: db
      .update(activationCodes)
      .set({ revokedAt: sql`${p("now")}` })
      .where(and(eq(activationCodes.workplaceGuid, p("workplaceGuid")), openCode))
      .prepare(),
    revokeExpiredCodeByHash: db
      .update(activationCodes)
      .set({ revokedAt: sql`${p("now")}` })
      .where(and(eq(activationCodes.codeHash, p("hash")), openCode, lte(activationCodes.expiresAt, p("now"))))
      .prepare(),
    openCodeByHash: db
      .select({ id: activationCodes.id })
      .from(activationCodes)
      .where(and(eq(activationCodes.codeHash, p("hash")), openCode))
      .prepare(),
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
      .prepare(),
    touchSession: db
      .update(sessions)
      .set({ lastSeenAt: sql`${sql.placeholder("now")}` })
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare(),
  };
}

/** Builds a set of statements once per database (tests open many; the server opens one). */
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
export type Prepared = ReturnType<typeof build>;
