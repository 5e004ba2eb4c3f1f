// First start and recovery of the instance admin, the operator of the whole installation.
// Instance admins live in a hidden system organization.
import { and, eq, type Employee } from "@latchkey/db";
import { createSystemContext } from "./context";
import { DomainError } from "./errors";
import { audited, writeSystemEvent } from "./lib/audited";
import { hashNewPassword } from "./lib/newPassword";
import { DEFAULT_PASSWORD_POLICY } from "./lib/passwordPolicy";
import { revokeSessions } from "./lib/revoke";
import type { Services } from "./services";

export const SYSTEM_ORG_ALIAS = "system";
const DEFAULT_ADMIN_EMAIL = "admin@latchkey.local";
/**
 * The instance admin's password meets the default policy (length, characters, blocklist). No
 * history or personal-name check: the operator at the console chooses it, and recovery must
 * not lock them out for reusing an old one.
 */
const SYSTEM_POLICY = { ...DEFAULT_PASSWORD_POLICY, name: "Latchkey installation", alias: SYSTEM_ORG_ALIAS };

function generatePassword(services: Services): string {
  return services.random.bytes(18).toString("base64url");
}

async function findInstanceAdmin(services: Services, email?: string): Promise<Employee | undefined> {
  const { employees } = services.database.tables;
  return (
    await services.database.db
      .select()
      .from(employees)
      .where(and(eq(employees.instanceAdmin, true), email ? eq(employees.email, email.toLowerCase()) : undefined))
  )[0];
}

export interface BootstrapResult {
  created: boolean;
  email: string;
  /** Only when it was generated here: shown once, never stored in clear. */
  generatedPassword?: string;
}

/** Creates the system organization and its instance admin when the database has none. */
export async function ensureInstanceAdmin(services: Services, opts: { email?: string; password?: string } = {}): Promise<BootstrapResult> {
  const { employees, organizations, passwordHistory } = services.database.tables;
  const existing = await findInstanceAdmin(services);
  if (existing) return { created: false, email: existing.email ?? DEFAULT_ADMIN_EMAIL };
  const email = (opts.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  const password = opts.password ?? generatePassword(services);
  const hash = await hashNewPassword(services, SYSTEM_POLICY, password);
  const ctx = createSystemContext(services);
  const orgGuid = services.random.uuid();
  const adminGuid = services.random.uuid();
  // Instances starting together on an empty database take turns here; the second finds the first's admin.
  const created = await services.database.transaction(async (tx) => {
    await services.database.lock(tx, "bootstrap");
    const [raced] = await tx.select({ id: employees.id }).from(employees).where(eq(employees.instanceAdmin, true));
    if (raced) return false;
    const now = services.clock.now();
    const org =
      (await tx.select().from(organizations).where(eq(organizations.system, true)))[0] ??
      (
        await tx
          .insert(organizations)
          .values({ guid: orgGuid, alias: SYSTEM_ORG_ALIAS, name: "Latchkey installation", system: true, createdAt: now, updatedAt: now })
          .returning()
      )[0]!;
    const [admin] = await tx
      .insert(employees)
      .values({
        guid: adminGuid,
        orgGuid: org.guid,
        email,
        displayName: "Instance admin",
        searchText: "instance admin",
        role: "owner",
        instanceAdmin: true,
        passwordHash: hash,
        // A generated password was shown on a console and may sit in a terminal's scrollback or
        // a log: it only opens a restricted session that must change it.
        passwordChangeRequired: !opts.password,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(passwordHistory).values({ employeeId: admin!.id, passwordHash: hash, createdAt: now });
    await writeSystemEvent(ctx, tx, { action: "instance_admin.bootstrap", orgGuid: org.guid, targetType: "employee", targetId: adminGuid });
    return true;
  });
  if (!created) {
    const winner = await findInstanceAdmin(services);
    return { created: false, email: winner?.email ?? DEFAULT_ADMIN_EMAIL };
  }
  return { created: true, email, ...(opts.password ? {} : { generatedPassword: password }) };
}

/** `latchkey admin recover`: a new password for the instance admin, unlocked, other sessions ended. */
export async function recoverInstanceAdmin(services: Services, opts: { email?: string; password?: string } = {}): Promise<BootstrapResult> {
  const { employees, passwordHistory } = services.database.tables;
  const admin = await findInstanceAdmin(services, opts.email);
  if (!admin) {
    // Naming an email no instance admin has must not silently leave the real one untouched.
    if (opts.email && (await findInstanceAdmin(services)))
      throw new DomainError("NotFound", "No instance admin has the email given.", { field: "email" });
    return await ensureInstanceAdmin(services, opts);
  }
  const password = opts.password ?? generatePassword(services);
  const hash = await hashNewPassword(services, SYSTEM_POLICY, password);
  // A console operation, not a procedure: it names its audit action itself.
  const ctx = { ...createSystemContext(services), auditScope: { action: "instance_admin.recover", recorded: false } as const };
  await audited(
    ctx,
    { orgGuid: admin.orgGuid, targetType: "employee", targetId: admin.guid },
    async (op) =>
      await op.commit(async (tx) => {
        const now = services.clock.now();
        await tx
          .update(employees)
          .set({
            passwordHash: hash,
            passwordChangedAt: now,
            passwordChangeRequired: !opts.password,
            status: "active",
            failedSignIns: 0,
            failedSignInWindowStart: null,
            lockedUntil: null,
            updatedAt: now,
          })
          .where(eq(employees.id, admin.id));
        await tx.insert(passwordHistory).values({ employeeId: admin.id, passwordHash: hash, createdAt: now });
        await revokeSessions(tx, admin.id, now);
      }),
  );
  return { created: false, email: admin.email ?? DEFAULT_ADMIN_EMAIL, ...(opts.password ? {} : { generatedPassword: password }) };
}
