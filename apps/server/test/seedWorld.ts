// The world every server test starts from: two organizations with people, outlets, workplaces
// and tokens of every kind, made through the same procedures every surface uses.
import { createCaller, createSystemContext, ensureInstanceAdmin, SYSTEM_ORG_ALIAS, type ManualClock, type Services } from "@latchkey/api";
import { PASSWORD } from "./passwords";

interface Person {
  guid: string;
  id: number;
  email: string;
  phone: string | null;
}

export interface World {
  org: { guid: string; alias: string };
  other: { guid: string; alias: string };
  owner: Person;
  admin: Person;
  /** Five employees with phones and passwords; none holds a token, so any may be reset. */
  employees: Person[];
  /** Holds tokens.employee (scope self). */
  tokenHolder: Person;
  noPhone: Person;
  archived: Person;
  otherEmployee: Person;
  outlets: { guid: string }[];
  workplaces: { guid: string; outletGuid: string }[];
  otherOutlet: { guid: string };
  otherWorkplace: { guid: string };
  tokens: {
    service: string;
    owner: string;
    admin: string;
    employee: string;
    otherAdmin: string;
    instanceAdmin: string;
    expired: string;
    revoked: string;
  };
}

let seq = 0;

/** Seeds org A (acme) and org B (globex); advances `clock` a day so tokens.expired is dead. */
export async function seedWorld(services: Services, clock: ManualClock): Promise<World> {
  seq += 1;
  const system = createCaller(createSystemContext(services));
  const makeOrg = async (name: string) => {
    const alias = `${name}-${seq}`;
    const created = await system.organizations.create({
      name: `${name} Inc`,
      alias,
      owner: { displayName: `${name} Owner`, email: `owner@${alias}.test`, phone: `+7915${seq}000000`.slice(0, 12), password: PASSWORD },
    });
    const api = createCaller(createSystemContext(services, { org: { guid: created.organization.guid } }));
    return { created, alias, api };
  };
  const a = await makeOrg("acme");
  const b = await makeOrg("globex");
  let n = 0;
  const person = async (api: typeof a.api, opts: { phone?: boolean; role?: "admin" | "employee" } = {}): Promise<Person> => {
    n += 1;
    const e = await api.employees.create({
      displayName: `Person ${n}`,
      email: `p${n}.${seq}@example.test`,
      ...(opts.phone === false ? {} : { phone: `+7916${String(seq * 100 + n).padStart(7, "0")}` }),
      ...(opts.role ? { role: opts.role } : {}),
    });
    await api.employees.setPassword({ guid: e.guid, password: PASSWORD, changeRequired: false });
    return { guid: e.guid, id: e.id, email: e.email!, phone: e.phone };
  };
  const owner = a.created.owner;
  const admin = await person(a.api, { role: "admin" });
  const employees: Person[] = [];
  for (let i = 0; i < 5; i++) employees.push(await person(a.api));
  const tokenHolder = await person(a.api);
  const noPhone = await person(a.api, { phone: false });
  const archived = await person(a.api);
  await a.api.employees.archive({ guid: archived.guid });
  const otherEmployee = await person(b.api);
  const outlets = [await a.api.outlets.create({ name: "Main street" }), await a.api.outlets.create({ name: "Harbor" })];
  const workplaces: World["workplaces"] = [];
  for (let i = 0; i < 4; i++) {
    const w = await a.api.workplaces.create({ outletGuid: outlets[i % 2]!.guid, name: `Till ${i}` });
    workplaces.push({ guid: w.guid, outletGuid: w.outletGuid });
  }
  const otherOutlet = await b.api.outlets.create({ name: "Elsewhere" });
  const otherWorkplace = await b.api.workplaces.create({ outletGuid: otherOutlet.guid, name: "Far till" });
  const token = async (api: typeof a.api, employeeGuid: string | undefined, scopes: ("admin" | "self")[], expiresInDays?: number) =>
    await api.tokens.create({ name: "t", ...(employeeGuid ? { employeeGuid } : {}), scopes, ...(expiresInDays ? { expiresInDays } : {}) });

  const ensured = await ensureInstanceAdmin(services, { email: "root@latchkey.test", password: PASSWORD });
  const sys = createCaller(createSystemContext(services, { org: { alias: SYSTEM_ORG_ALIAS } }));
  const root = (await sys.employees.list({ role: "owner", limit: 100 })).items.find((e) => e.email === ensured.email)!;
  const expiring = await token(a.api, undefined, ["admin"], 1);
  const revoked = await token(a.api, undefined, ["admin"]);
  await a.api.tokens.revoke({ id: revoked.id });
  // Past the expiring token's day; every other credential is made after this.
  clock.advance(86_400_000 + 1_000);
  return {
    org: { guid: a.created.organization.guid, alias: a.alias },
    other: { guid: b.created.organization.guid, alias: b.alias },
    owner: { guid: owner.guid, id: owner.id, email: owner.email!, phone: owner.phone },
    admin,
    employees,
    tokenHolder,
    noPhone,
    archived,
    otherEmployee,
    outlets: outlets.map((o) => ({ guid: o.guid })),
    workplaces,
    otherOutlet: { guid: otherOutlet.guid },
    otherWorkplace: { guid: otherWorkplace.guid },
    tokens: {
      service: (await token(a.api, undefined, ["admin"])).token,
      owner: (await token(a.api, owner.guid, ["admin", "self"])).token,
      admin: (await token(a.api, admin.guid, ["admin", "self"])).token,
      employee: (await token(a.api, tokenHolder.guid, ["self"])).token,
      otherAdmin: (await token(b.api, undefined, ["admin"])).token,
      instanceAdmin: (await token(sys, root.guid, ["admin", "self"])).token,
      expired: expiring.token,
      revoked: revoked.token,
    },
  };
}
