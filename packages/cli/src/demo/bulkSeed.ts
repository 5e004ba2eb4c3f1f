// Benchmark volume for `demo seed --employees N --audit-events M`.
//
// This is the ONE place the CLI writes to the database directly: going through the procedures
// would cost one audited transaction per row (hours for a million rows). The rows are plain
// records (no passwords, no codes, no tokens), written in big transactions with the database's
// bulk insert (multi-row INSERTs on either dialect). Everything the demo prints (people,
// passwords, tokens) is still made by the procedures in seedDemo.ts.
import type { AuditAction, DomainErrorCode, Services } from "@latchkey/api";
import type { Tables } from "@latchkey/db";
import type { Progress } from "./progress";

const ROWS_PER_TRANSACTION = 10_000;

const FIRST = ["Alexei", "Maria", "Dmitri", "Elena", "Ivan", "Olga", "Nikolai", "Svetlana", "Pyotr", "Yulia", "Mikhail", "Natalia"];
const LAST = ["Smirnov", "Ivanova", "Kuznetsov", "Popova", "Vasiliev", "Petrova", "Sokolov", "Mikhailova", "Novikov", "Fedorova"];
// Typed, so a name the audit filter does not know cannot creep in.
const ACTIONS: readonly (readonly [AuditAction, DomainErrorCode])[] = [
  ["auth.sign_in", "WrongUsernameOrPassword"],
  ["employee.reset_password", "NotAllowedForOwner"],
  ["employee.set_password", "RequestIsNotValid"],
  ["workplace.generate_activation_code", "TrySendCodeLater"],
  ["workplace.activate", "WrongActivationCode"],
  ["employee.update", "Duplicate"],
];

export interface BulkOptions {
  orgGuid: string;
  suffix: string;
  /** Who the audit events name as actor. */
  actorGuid: string;
  employees: number;
  auditEvents: number;
}

/** Inserts `total` rows made by `row(i)` into `table`, one transaction per ROWS_PER_TRANSACTION rows. */
async function inBatches(
  services: Services,
  table: keyof Tables,
  total: number,
  progress: Progress,
  row: (i: number) => Record<string, unknown>,
) {
  for (let start = 0; start < total; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(total, start + ROWS_PER_TRANSACTION);
    const rows: Record<string, unknown>[] = [];
    for (let i = start; i < end; i++) rows.push(row(i));
    await services.database.transaction((tx) => services.database.bulkInsert(tx, table, rows));
    progress.update(end);
  }
  progress.done();
}

export async function bulkSeed(
  services: Services,
  opts: BulkOptions,
  progress: (label: string, total: number) => Progress,
): Promise<{ employeeGuids: string[] }> {
  const { random, clock } = services;
  const now = clock.now();
  const guids: string[] = [];
  if (opts.employees > 0) {
    await inBatches(services, "employees", opts.employees, progress("employees", opts.employees), (i) => {
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
    });
  }
  if (opts.auditEvents > 0) {
    // Spread over the last 30 days, oldest first, so ids and times grow together as in real use.
    const span = 30 * 86_400_000;
    const targets = guids.length ? guids : [opts.actorGuid];
    await inBatches(services, "auditEvents", opts.auditEvents, progress("audit events", opts.auditEvents), (i) => {
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
    });
  }
  return { employeeGuids: guids };
}
