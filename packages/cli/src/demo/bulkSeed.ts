// Benchmark volume for `demo seed --employees N --audit-events M`.
//
// This is the ONE place the CLI writes to the database directly: going through the procedures
// would cost one audited BEGIN IMMEDIATE transaction per row (hours for a million rows). The
// rows are plain records (no passwords, no codes, no tokens), written in big transactions on
// the @latchkey/db connection with one prepared statement per table (drizzle's query builder
// costs ~10x more per row at this volume); the column names come from the drizzle schema.
// Everything the demo prints (people, passwords, tokens) is still made by the procedures in
// seedDemo.ts.
import { auditEvents, employees } from "@latchkey/db";
import type { Services } from "@latchkey/api";
import type { Progress } from "./progress";

const ROWS_PER_TRANSACTION = 10_000;

type Columns = Record<string, { name: string }>;
type Row<C extends Columns> = { [K in keyof C]: string | number | null };

/** A prepared INSERT of the given schema columns (the rest take their SQL defaults). */
function inserter<C extends Columns>(services: Services, table: string, columns: C): (row: Row<C>) => void {
  const keys = Object.keys(columns) as (keyof C)[];
  const names = keys.map((k) => `"${columns[k]!.name}"`).join(", ");
  const stmt = services.database.sqlite.prepare(`INSERT INTO "${table}" (${names}) VALUES (${keys.map(() => "?").join(", ")})`);
  return (row) => {
    stmt.run(...keys.map((k) => row[k]));
  };
}

const FIRST = ["Alexei", "Maria", "Dmitri", "Elena", "Ivan", "Olga", "Nikolai", "Svetlana", "Pyotr", "Yulia", "Mikhail", "Natalia"];
const LAST = ["Smirnov", "Ivanova", "Kuznetsov", "Popova", "Vasiliev", "Petrova", "Sokolov", "Mikhailova", "Novikov", "Fedorova"];
const ACTIONS = [
  ["auth.sign_in", "WrongUsernameOrPassword"],
  ["employee.reset_password", "NotAllowedForOwner"],
  ["employee.set_password", "RequestIsNotValid"],
  ["workplace.generate_activation_code", "TrySendCodeLater"],
  ["auth.activate_workplace", "WrongActivationCode"],
  ["employee.update", "Duplicate"],
] as const;

export interface BulkOptions {
  orgGuid: string;
  suffix: string;
  /** Who the audit events name as actor. */
  actorGuid: string;
  employees: number;
  auditEvents: number;
}

/** Inserts `total` rows made by `row(i)`, one BEGIN IMMEDIATE transaction per ROWS_PER_TRANSACTION rows. */
function inBatches<R>(services: Services, total: number, progress: Progress, row: (i: number) => R, insert: (row: R) => void) {
  const batch = services.database.sqlite.transaction((start: number, end: number) => {
    for (let i = start; i < end; i++) insert(row(i));
  });
  for (let start = 0; start < total; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(total, start + ROWS_PER_TRANSACTION);
    batch.immediate(start, end);
    progress.update(end);
  }
  progress.done();
}

export function bulkSeed(
  services: Services,
  opts: BulkOptions,
  progress: (label: string, total: number) => Progress,
): { employeeGuids: string[] } {
  const { random, clock } = services;
  const now = clock.now();
  const guids: string[] = [];
  if (opts.employees > 0) {
    inBatches(
      services,
      opts.employees,
      progress("employees", opts.employees),
      (i) => {
        const first = FIRST[i % FIRST.length]!;
        const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
        const guid = random.uuid();
        guids.push(guid);
        const local = `${first}.${last}.${i}`.toLowerCase();
        return {
          guid,
          orgGuid: opts.orgGuid,
          displayName: `${first} ${last} ${i}`,
          searchText: `${first} ${last} ${i}`.toLowerCase(),
          email: `${local}@demo-${opts.suffix}.latchkey.test`,
          // +77…: a range the demo's own +79… people never use, so phones stay unique in the org.
          phone: `+77${String(i).padStart(9, "0")}`,
          username: `${local}.${opts.suffix}`,
          role: "employee",
          createdAt: now,
          updatedAt: now,
        };
      },
      inserter(services, "employees", {
        guid: employees.guid,
        orgGuid: employees.orgGuid,
        displayName: employees.displayName,
        searchText: employees.searchText,
        email: employees.email,
        phone: employees.phone,
        username: employees.username,
        role: employees.role,
        createdAt: employees.createdAt,
        updatedAt: employees.updatedAt,
      }),
    );
  }
  if (opts.auditEvents > 0) {
    // Spread over the last 30 days, oldest first, so ids and times grow together as in real use.
    const span = 30 * 86_400_000;
    const targets = guids.length ? guids : [opts.actorGuid];
    inBatches(
      services,
      opts.auditEvents,
      progress("audit events", opts.auditEvents),
      (i) => {
        const [action, reason] = ACTIONS[i % ACTIONS.length]!;
        const failed = i % 10 === 7;
        return {
          orgGuid: opts.orgGuid,
          actorType: "employee",
          actorId: opts.actorGuid,
          action,
          targetType: "employee",
          targetId: targets[i % targets.length]!,
          outcome: failed ? "failure" : "success",
          reason: failed ? reason : null,
          client: null,
          ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          requestId: random.uuid(),
          createdAt: now - span + Math.floor((span * i) / opts.auditEvents),
        };
      },
      inserter(services, "audit_events", {
        orgGuid: auditEvents.orgGuid,
        actorType: auditEvents.actorType,
        actorId: auditEvents.actorId,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        outcome: auditEvents.outcome,
        reason: auditEvents.reason,
        client: auditEvents.client,
        ip: auditEvents.ip,
        requestId: auditEvents.requestId,
        createdAt: auditEvents.createdAt,
      }),
    );
  }
  return { employeeGuids: guids };
}
