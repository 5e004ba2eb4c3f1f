// The raw baseline for "generate activation code": plain node:http + better-sqlite3 doing the
// same work as Latchkey's LIFE POS route on the same schema and pragmas (WAL, synchronous=FULL):
// bearer token lookup and keyed-hash check, org/workplace/employee lookups, then one
// BEGIN IMMEDIATE transaction that revokes the workplace's open code, picks a code no open code
// shares, inserts its HMAC and inserts the audit row. No framework, no validation library.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Database from "better-sqlite3";

const dbPath = process.env["BASELINE_DB"];
if (!dbPath) throw new Error("BASELINE_DB is required");
const secret = Buffer.from(process.env["LATCHKEY_SECRET"] ?? "", "utf8");
const db = new Database(dbPath);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");

interface TokenRow {
  id: string;
  org_guid: string;
  employee_id: number | null;
  secret_hash: string;
  scopes: string;
  revoked_at: number | null;
  expires_at: number | null;
}
interface EmployeeRow {
  id: number;
  guid: string;
  role: string;
  status: string;
  instance_admin: number;
}

const q = {
  token: db.prepare<[string], TokenRow>(
    "SELECT id, org_guid, employee_id, secret_hash, scopes, revoked_at, expires_at FROM api_tokens WHERE prefix = ?",
  ),
  employeeById: db.prepare<[number], EmployeeRow>("SELECT id, guid, role, status, instance_admin FROM employees WHERE id = ?"),
  employeeByGuid: db.prepare<[string, string], EmployeeRow>(
    "SELECT id, guid, role, status, instance_admin FROM employees WHERE org_guid = ? AND guid = ?",
  ),
  org: db.prepare<[string], { guid: string; archived: number; activation_code_ttl_seconds: number }>(
    "SELECT guid, archived, activation_code_ttl_seconds FROM organizations WHERE guid = ?",
  ),
  workplace: db.prepare<[string, string], { guid: string; outlet_guid: string; archived: number }>(
    "SELECT guid, outlet_guid, archived FROM workplaces WHERE org_guid = ? AND guid = ?",
  ),
  revokeOpen: db.prepare(
    "UPDATE activation_codes SET revoked_at = ? WHERE workplace_guid = ? AND consumed_at IS NULL AND revoked_at IS NULL",
  ),
  revokeExpired: db.prepare(
    "UPDATE activation_codes SET revoked_at = ? WHERE code_hash = ? AND consumed_at IS NULL AND revoked_at IS NULL AND expires_at <= ?",
  ),
  taken: db.prepare("SELECT id FROM activation_codes WHERE code_hash = ? AND consumed_at IS NULL AND revoked_at IS NULL"),
  insertCode: db.prepare(
    "INSERT INTO activation_codes (org_guid, workplace_guid, employee_id, outlet_guid, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ),
  insertAudit: db.prepare(
    "INSERT INTO audit_events (org_guid, actor_type, actor_id, action, target_type, target_id, outcome, reason, client, ip, request_id, created_at) VALUES (?, 'employee', ?, 'workplace.generate_activation_code', 'workplace', ?, 'success', NULL, ?, ?, ?, ?)",
  ),
};

const keyedHash = (value: string) => createHmac("sha256", secret).update(value, "utf8").digest("base64url");
const TOKEN_RE = /^Bearer lk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ROUTE = /^\/orgs\/([^/:]+)\/workplaces\/([^/:]+):generate-activation-code$/;

function digits(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += String(randomInt(10));
  return out;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

function authenticate(header: string | undefined): { token: TokenRow; employee: EmployeeRow | null } {
  const m = header ? TOKEN_RE.exec(header) : null;
  const token = m ? q.token.get(m[1]!) : undefined;
  if (!m || !token) throw new HttpError(401, "Unauthorized");
  const a = Buffer.from(token.secret_hash);
  const b = Buffer.from(keyedHash(m[2]!));
  const now = Date.now();
  if (
    a.length !== b.length ||
    !timingSafeEqual(a, b) ||
    token.revoked_at !== null ||
    (token.expires_at !== null && token.expires_at <= now)
  )
    throw new HttpError(401, "Unauthorized");
  const employee = token.employee_id === null ? null : (q.employeeById.get(token.employee_id) ?? null);
  if (token.employee_id !== null && (!employee || employee.status === "archived")) throw new HttpError(401, "Unauthorized");
  const admin = (JSON.parse(token.scopes) as string[]).includes("admin") && (!employee || employee.role !== "employee");
  if (!admin) throw new HttpError(403, "NoPermissions");
  return { token, employee };
}

const generate = db.transaction(
  (args: {
    orgGuid: string;
    workplace: { guid: string; outlet_guid: string };
    employeeId: number;
    actorId: string;
    ttl: number;
    ip: string | null;
  }) => {
    const now = Date.now();
    q.revokeOpen.run(now, args.workplace.guid);
    let code = "";
    let hash = "";
    for (let i = 0; ; i++) {
      if (i === 16) throw new HttpError(500, "InternalServerError");
      code = digits(8);
      hash = keyedHash(code);
      q.revokeExpired.run(now, hash, now);
      if (!q.taken.get(hash)) break;
    }
    q.insertCode.run(args.orgGuid, args.workplace.guid, args.employeeId, args.workplace.outlet_guid, hash, now, now + args.ttl * 1000);
    q.insertAudit.run(args.orgGuid, args.actorId, args.workplace.guid, null, args.ip, randomUUID(), now);
    return code;
  },
);

function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
  const m = ROUTE.exec(req.url ?? "");
  if (req.url === "/health") return void res.end("ok");
  if (!m || req.method !== "POST") throw new HttpError(404, "NotFound");
  const { token, employee: actor } = authenticate(req.headers.authorization);
  const org = q.org.get(m[1]!);
  if (!org || org.guid !== token.org_guid) throw new HttpError(404, "NotFound");
  if (org.archived) throw new HttpError(422, "NotAllowedForArchived");
  let parsed: { employee?: { guid?: unknown } };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new HttpError(422, "RequestIsNotValid");
  }
  const employeeGuid = parsed.employee?.guid;
  if (typeof employeeGuid !== "string") throw new HttpError(422, "RequestIsNotValid");
  const workplace = q.workplace.get(org.guid, m[2]!);
  if (!workplace) throw new HttpError(404, "NotFound");
  if (workplace.archived) throw new HttpError(422, "NotAllowedForArchived");
  const employee = q.employeeByGuid.get(org.guid, employeeGuid);
  if (!employee) throw new HttpError(404, "ReferenceNotFound");
  if (employee.status === "archived") throw new HttpError(422, "NotAllowedForArchived");
  const code = generate.immediate({
    orgGuid: org.guid,
    workplace,
    employeeId: employee.id,
    actorId: actor?.guid ?? token.id,
    ttl: org.activation_code_ttl_seconds,
    ip: req.socket.remoteAddress ?? null,
  });
  const out = JSON.stringify({ activation_code: code });
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(out);
}

const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    try {
      handle(req, body, res);
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, "InternalServerError");
      res.writeHead(e.status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ code: e.code, message: e.code, info: null }));
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1");
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  db.close();
  process.exit(0);
});
