// `demo seed`: prints exactly the docs/SPEC.md §5 object (plus `bulk` when volume was asked for).
import type { Command } from "../command";
import { int } from "../command";
import { bulkSeed } from "../demo/bulkSeed";
import { progressBar } from "../demo/progress";
import { seedDemo } from "../demo/seedDemo";

export const demoSeed: Command = {
  path: "demo seed",
  summary: "Create two fresh demo organizations with people, outlets, workplaces and tokens.",
  options: {
    employees: { type: "string", value: "<n>", description: "also bulk-insert n more employees into the demo org (benchmarks)" },
    "audit-events": { type: "string", value: "<n>", description: "also bulk-insert n audit events into the demo org (benchmarks)" },
  },
  notes: [
    "Every run creates two new organizations (random alias suffix) and never touches earlier ones.",
    "Passwords and tokens are printed once. Use `pnpm -s latchkey demo seed --json` for machine-readable output:",
    "only the JSON goes to stdout, progress goes to stderr.",
  ],
  async run(ctx, v) {
    const bulkEmployees = int(v, "employees", 0, 5_000_000) ?? 0;
    const bulkEvents = int(v, "audit-events", 0, 50_000_000) ?? 0;
    const services = await ctx.services();
    const log = (m: string) => ctx.io.stderr(`${m}\n`);
    const seed = await seedDemo(services, log);
    let bulk: { employees: number; audit_events: number } | undefined;
    if (bulkEmployees > 0 || bulkEvents > 0) {
      await bulkSeed(
        services,
        {
          orgGuid: seed.org.guid,
          suffix: seed.org.alias.replace(/^demo-/, ""),
          actorGuid: seed.admin.guid,
          employees: bulkEmployees,
          auditEvents: bulkEvents,
        },
        (label, total) => progressBar(ctx.io, label, total),
      );
      bulk = { employees: bulkEmployees, audit_events: bulkEvents };
    }
    const result = bulk ? { ...seed, bulk } : seed;
    const human = [
      `Demo organization ${seed.org.name} (alias ${seed.org.alias}, guid ${seed.org.guid})`,
      `Other organization ${seed.other_org.name} (alias ${seed.other_org.alias}, guid ${seed.other_org.guid})`,
      "",
      `Owner:  ${seed.owner.email}  password ${seed.owner.password}`,
      `Admin:  ${seed.admin.email}  password ${seed.admin.password}`,
      ...seed.employees.map((e) => `Employee ${e.email} (${e.phone})  password ${e.password}`),
      "",
      `Outlets: ${seed.outlets.length}, workplaces: ${seed.workplaces.length}`,
      ...(bulk ? [`Bulk: ${bulk.employees} employees, ${bulk.audit_events} audit events`] : []),
      "",
      "API tokens (Authorization: Bearer …):",
      ...Object.entries(seed.tokens).map(([k, t]) => `  ${k.padEnd(16)} ${t}`),
      "",
      "Shown once. Run with --json for machine-readable output.",
    ].join("\n");
    return { json: result, human };
  },
};
