// `token create`: an API token for a service account (no --employee) or for an employee.
import type { Command } from "../command";
import { int, req, str, UsageError } from "../command";
import { orgCaller } from "../runtime";

const SCOPES = ["admin", "self"] as const;
type Scope = (typeof SCOPES)[number];

function parseScopes(raw: string): Scope[] {
  const scopes = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length || scopes.length === 0) throw new UsageError(`--scopes must be a comma-separated list of ${SCOPES.join(", ")}`);
  return [...new Set(scopes)] as Scope[];
}

export const tokenCreate: Command = {
  path: "token create",
  summary: "Create an API token. The token is printed once and stored only as a keyed hash.",
  options: {
    org: { type: "string", value: "<guid|alias>", description: "the organization the token belongs to", required: true },
    employee: { type: "string", value: "<guid>", description: "the employee the token acts as (omit for a service account)" },
    scopes: { type: "string", value: "<admin,self>", description: "comma-separated scopes: admin, self", required: true },
    "expires-days": {
      type: "string",
      value: "<days|never>",
      description: "expire after this many days, or never (default: the organization's token expiry, 90 days unless changed)",
    },
    name: { type: "string", value: "<name>", description: "a label for the token (default: CLI token)" },
  },
  notes: ["'self' needs --employee; 'admin' needs a service account or an owner's or admin's token."],
  async run(ctx, v) {
    const scopes = parseScopes(req(v, "scopes"));
    const employeeGuid = str(v, "employee");
    const expiresInDays = str(v, "expires-days") === "never" ? ("never" as const) : int(v, "expires-days", 1, 3650);
    const t = await orgCaller(await ctx.services(), req(v, "org")).tokens.create({
      name: str(v, "name") ?? "CLI token",
      scopes,
      ...(employeeGuid !== undefined ? { employeeGuid } : {}),
      ...(expiresInDays !== undefined ? { expiresInDays } : {}),
    });
    return {
      json: t,
      human: [
        `Created API token ${t.name} (${t.scopes.join(", ")})${t.employeeGuid ? ` for employee ${t.employeeGuid}` : " (service account)"}`,
        `  id:      ${t.id}`,
        `  expires: ${t.expiresAt ?? "never"}`,
        "",
        `  ${t.token}`,
        "",
        "  Shown once: store it now. Use it as `Authorization: Bearer <token>`.",
      ].join("\n"),
    };
  },
};
