// Records inside one organization: employees, outlets, workplaces. Each is one procedure call
// acting in the organization named by --org (guid or alias).
import type { Command } from "../command";
import { req, str, UsageError } from "../command";
import { orgCaller } from "../runtime";

const org = { type: "string", value: "<guid|alias>", description: "the organization to act in", required: true } as const;

export const employeeCreate: Command = {
  path: "employee create",
  summary: "Create an employee. They have no working password until a reset or an admin's set.",
  options: {
    org,
    name: { type: "string", value: "<name>", description: "display name", required: true },
    email: { type: "string", value: "<email>", description: "email (unique in the organization)" },
    phone: { type: "string", value: "<+7…>", description: "phone in E.164 form (unique in the organization)" },
    username: { type: "string", value: "<username>", description: "login name (unique in the organization)" },
    role: { type: "string", value: "<admin|employee>", description: "role (default: employee)" },
  },
  notes: ["An employee needs at least one of --email, --phone, --username."],
  async run(ctx, v) {
    const role = str(v, "role") ?? "employee";
    if (role !== "admin" && role !== "employee") throw new UsageError("--role must be admin or employee");
    const email = str(v, "email");
    const phone = str(v, "phone");
    const username = str(v, "username");
    if (email === undefined && phone === undefined && username === undefined)
      throw new UsageError("An employee needs at least one of --email, --phone, --username");
    const e = await orgCaller(await ctx.services(), req(v, "org")).employees.create({
      displayName: req(v, "name"),
      role,
      ...(email !== undefined ? { email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(username !== undefined ? { username } : {}),
    });
    return {
      json: e,
      human: [
        `Created ${e.role} ${e.displayName}`,
        `  guid:     ${e.guid}`,
        `  id:       ${e.id}`,
        ...(e.email ? [`  email:    ${e.email}`] : []),
        ...(e.phone ? [`  phone:    ${e.phone}`] : []),
        ...(e.username ? [`  username: ${e.username}`] : []),
        "  No password yet: reset it or set one from the admin console.",
      ].join("\n"),
    };
  },
};

export const outletCreate: Command = {
  path: "outlet create",
  summary: "Create an outlet (a shop or site) of an organization.",
  options: { org, name: { type: "string", value: "<name>", description: "display name", required: true } },
  async run(ctx, v) {
    const o = await orgCaller(await ctx.services(), req(v, "org")).outlets.create({ name: req(v, "name") });
    return { json: o, human: `Created outlet ${o.name}\n  guid: ${o.guid}` };
  },
};

export const workplaceCreate: Command = {
  path: "workplace create",
  summary: "Create a workplace (a device seat) at an outlet; it is pending until activated with a code.",
  options: {
    org,
    outlet: { type: "string", value: "<guid>", description: "the outlet it belongs to", required: true },
    name: { type: "string", value: "<name>", description: "display name", required: true },
  },
  async run(ctx, v) {
    const w = await orgCaller(await ctx.services(), req(v, "org")).workplaces.create({
      outletGuid: req(v, "outlet"),
      name: req(v, "name"),
    });
    return { json: w, human: `Created workplace ${w.name} (${w.status})\n  guid:   ${w.guid}\n  outlet: ${w.outletGuid}` };
  },
};
