// `org create` and `org list`: installation-wide, so they run as the system principal.
import type { Command } from "../command";
import { req, str } from "../command";
import { systemCaller } from "../runtime";

export const orgCreate: Command = {
  path: "org create",
  summary: "Create an organization with its one owner.",
  options: {
    name: { type: "string", value: "<name>", description: "display name of the organization", required: true },
    alias: { type: "string", value: "<alias>", description: "unique url-safe alias (lower-case letters, digits, dashes)", required: true },
    "owner-email": { type: "string", value: "<email>", description: "the owner's email (their login)", required: true },
    "owner-name": { type: "string", value: "<name>", description: "the owner's display name (default: Owner)" },
    "owner-password": {
      type: "string",
      value: "<password>",
      description: "the owner's password (12+ characters); without it the owner gets one by a password reset",
    },
  },
  async run(ctx, v) {
    const password = str(v, "owner-password");
    const created = await systemCaller(await ctx.services()).organizations.create({
      name: req(v, "name"),
      alias: req(v, "alias"),
      owner: {
        displayName: str(v, "owner-name") ?? "Owner",
        email: req(v, "owner-email"),
        ...(password !== undefined ? { password } : {}),
      },
    });
    const { organization: org, owner } = created;
    return {
      json: { organization: org, owner, ownerPasswordSet: password !== undefined },
      human: [
        `Created organization ${org.name} (alias ${org.alias})`,
        `  guid:  ${org.guid}`,
        `Owner ${owner.displayName} <${owner.email}>`,
        `  guid:  ${owner.guid}`,
        `  id:    ${owner.id}`,
        password !== undefined
          ? "  The owner can sign in with the password given."
          : "  No password was set: the owner gets one by a password reset (an admin's reset, or the reset page).",
      ].join("\n"),
    };
  },
};

export const orgList: Command = {
  path: "org list",
  summary: "List the organizations of the installation (not the hidden system organization).",
  options: {
    search: { type: "string", value: "<text>", description: "only organizations whose name contains this" },
  },
  async run(ctx, v) {
    const caller = systemCaller(await ctx.services());
    const search = str(v, "search");
    const items = [];
    let cursor: string | undefined;
    do {
      const page = await caller.organizations.list({ limit: 100, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const aliasWidth = Math.max(5, ...items.map((o) => o.alias.length));
    return {
      json: { items },
      human: items.length
        ? [
            `${"ALIAS".padEnd(aliasWidth)}  ${"GUID".padEnd(36)}  NAME`,
            ...items.map((o) => `${o.alias.padEnd(aliasWidth)}  ${o.guid}  ${o.name}${o.archived ? " (archived)" : ""}`),
          ].join("\n")
        : "No organizations yet. Create one with `latchkey org create` or `latchkey demo seed`.",
    };
  },
};
