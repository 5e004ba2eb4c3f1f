// An organization with an outlet, a workplace and employees, for the activation, delivery and
// mailbox tests. Built through the procedures, like a real admin would.
import { createSystemContext } from "../src/context";
import { createCaller } from "../src/root";
import { consoleOf, seedOrg, type Harness, type SeededOrg } from "./harness";

export interface ActivationWorld extends SeededOrg {
  api: ReturnType<Harness["asToken"]>;
  /** An instance admin acting in this organization. */
  instance: ReturnType<typeof createCaller>;
  outlet: { guid: string; name: string };
  otherOutlet: { guid: string; name: string };
  workplace: { guid: string; name: string };
  employee: { guid: string; id: number; phone: string; email: string };
  noPhone: { guid: string; id: number };
  employeeToken: string;
}

let n = 0;

export async function seedWorld(h: Harness, name = "Shop"): Promise<ActivationWorld> {
  n += 1;
  const seeded = await seedOrg(h, name);
  const api = h.asToken(seeded.adminToken);
  const outlet = await api.outlets.create({ name: `${name} Main St` });
  const otherOutlet = await api.outlets.create({ name: `${name} Station` });
  const workplace = await api.workplaces.create({ outletGuid: outlet.guid, name: `Till ${n}` });
  const phone = `+7916${String(1_000_000 + n * 37).slice(-7)}`;
  const email = `cashier${n}@${seeded.org.alias}.test`;
  const e = await api.employees.create({ displayName: `Cashier ${n}`, phone, email });
  const noPhone = await api.employees.create({ displayName: `No Phone ${n}`, email: `nophone${n}@${seeded.org.alias}.test` });
  // Made at the console: a service token cannot hand on the 'self' scope it does not have.
  const token = await consoleOf(h, seeded.org.guid).tokens.create({ name: "self", employeeGuid: e.guid, scopes: ["self"] });
  return {
    ...seeded,
    api,
    instance: createCaller(createSystemContext(h.services, { org: { guid: seeded.org.guid } })),
    outlet: { guid: outlet.guid, name: outlet.name },
    otherOutlet: { guid: otherOutlet.guid, name: otherOutlet.name },
    workplace: { guid: workplace.guid, name: workplace.name },
    employee: { guid: e.guid, id: e.id, phone, email },
    noPhone: { guid: noPhone.guid, id: noPhone.id },
    employeeToken: token.token,
  };
}
