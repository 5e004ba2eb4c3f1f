// Every REST family's documented operation plus the tRPC endpoint, each with a request that
// would succeed for an admin of org A, so the adversarial suites can attack all of them alike.
import { NEW_PASSWORD } from "../passwords";
import type { World } from "../seedWorld";

export interface AttackRoute {
  name: string;
  family: "lifePos" | "f5" | "expenses" | "zitadel" | "trpc";
  method: "POST" | "PATCH";
  /** The path for org A's objects (or `ids` substituted in). */
  path(w: World, ids?: Partial<Ids>): string;
  /** A valid body (a string is sent as is). */
  body(w: World, ids?: Partial<Ids>): object | string | undefined;
  contentType?: string;
  /** Needs a bearer token (activation carries its own proof). */
  auth: boolean;
}

export interface Ids {
  org: string;
  employee: string;
  employeeId: number;
  email: string;
  workplace: string;
}

const target = (w: World, ids: Partial<Ids> = {}): Ids => ({
  org: ids.org ?? w.org.guid,
  employee: ids.employee ?? w.employees[4]!.guid,
  employeeId: ids.employeeId ?? w.employees[4]!.id,
  email: ids.email ?? w.employees[4]!.email,
  workplace: ids.workplace ?? w.workplaces[3]!.guid,
});

export const ATTACK_ROUTES: AttackRoute[] = [
  {
    name: "LIFE POS reset-password",
    family: "lifePos",
    method: "POST",
    path: (w, i) => `/orgs/${target(w, i).org}/employees/${target(w, i).employee}:reset-password`,
    body: () => undefined,
    auth: true,
  },
  {
    name: "LIFE POS generate-activation-code",
    family: "lifePos",
    method: "POST",
    path: (w, i) => `/orgs/${target(w, i).org}/workplaces/${target(w, i).workplace}:generate-activation-code`,
    body: (w, i) => ({ employee: { guid: target(w, i).employee, type_of: "Employee" } }),
    auth: true,
  },
  {
    name: "LIFE POS activate-workplace",
    family: "lifePos",
    method: "POST",
    path: () => "/auth/activate-workplace",
    body: () => ({ activation_code: "12345678" }),
    auth: false,
  },
  {
    name: "F5 admin_reset",
    family: "f5",
    method: "POST",
    path: () => "/api/web/custom/password/admin_reset",
    body: (w, i) => ({ email: target(w, i).email }),
    auth: true,
  },
  {
    name: "F5 admin_reset (long form)",
    family: "f5",
    method: "POST",
    path: () => "/api/v1/api/prod/eu/namespaces/system/api/web/custom/password/admin_reset",
    body: (w, i) => ({ email: target(w, i).email }),
    auth: true,
  },
  {
    name: "Expenses ChangePassword",
    family: "expenses",
    method: "PATCH",
    path: (w, i) => `/Employees/${target(w, i).employeeId}/ChangePassword`,
    body: () => JSON.stringify(NEW_PASSWORD),
    auth: true,
  },
  {
    name: "ZITADEL v1 set password",
    family: "zitadel",
    method: "POST",
    path: (w, i) => `/management/v1/users/${target(w, i).employee}/password`,
    body: () => ({ password: NEW_PASSWORD, noChangeRequired: true }),
    auth: true,
  },
  {
    name: "ZITADEL v2 password",
    family: "zitadel",
    method: "POST",
    path: (w, i) => `/v2/users/${target(w, i).employee}/password`,
    body: () => ({ newPassword: { password: NEW_PASSWORD } }),
    auth: true,
  },
  {
    name: "ZITADEL v2 password_reset",
    family: "zitadel",
    method: "POST",
    path: (w, i) => `/v2/users/${target(w, i).employee}/password_reset`,
    body: () => ({ returnCode: {} }),
    auth: true,
  },
  {
    name: "tRPC employees.setPassword",
    family: "trpc",
    method: "POST",
    path: () => "/api/trpc/employees.setPassword",
    body: (w, i) => ({ guid: target(w, i).employee, password: NEW_PASSWORD }),
    auth: true,
  },
  {
    name: "tRPC employees.resetPassword",
    family: "trpc",
    method: "POST",
    path: () => "/api/trpc/employees.resetPassword",
    body: (w, i) => ({ guid: target(w, i).employee }),
    auth: true,
  },
  {
    name: "tRPC workplaces.generateActivationCode",
    family: "trpc",
    method: "POST",
    path: () => "/api/trpc/workplaces.generateActivationCode",
    body: (w, i) => ({ guid: target(w, i).workplace, employeeGuid: target(w, i).employee }),
    auth: true,
  },
];

export const BEARER_ROUTES = ATTACK_ROUTES.filter((r) => r.auth);

/** Sends `route` with its valid body (or `body`), a token and extra headers. */
export function send(
  url: string,
  route: AttackRoute,
  w: World,
  opts: { authorization?: string | null; body?: string | object | undefined; headers?: Record<string, string>; ids?: Partial<Ids> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.authorization) headers["authorization"] = opts.authorization;
  const raw = "body" in opts ? opts.body : route.body(w, opts.ids);
  let body: string | undefined;
  if (raw !== undefined) {
    body = typeof raw === "string" ? raw : JSON.stringify(raw);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type"))
      headers["content-type"] = route.contentType ?? "application/json";
  }
  return fetch(`${url}${route.path(w, opts.ids)}`, { method: route.method, headers, ...(body !== undefined ? { body } : {}) });
}
