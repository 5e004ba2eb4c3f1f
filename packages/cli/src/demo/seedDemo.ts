// `demo seed`: two fresh organizations with people, outlets, workplaces and tokens, all made
// through the tRPC procedures as the operator at the console. Aliases carry a random suffix,
// so every run creates new organizations and never touches earlier ones.
import { createCaller, createSystemContext, ensureInstanceAdmin, SYSTEM_ORG_ALIAS, type Services } from "@latchkey/api";
import { orgCaller, systemCaller, type Caller } from "../runtime";
import { strongPassword } from "./passwords";
import { setPassword } from "./setPassword";

export interface DemoSeed {
  org: { guid: string; alias: string; name: string };
  other_org: { guid: string; alias: string; name: string };
  owner: { guid: string; id: number; email: string; password: string };
  admin: { guid: string; id: number; email: string; password: string };
  employees: { guid: string; id: number; email: string; phone: string; username: string; password: string }[];
  employee_without_phone: { guid: string; id: number; email: string };
  archived_employee: { guid: string; id: number; email: string; phone: string };
  other_org_employee: { guid: string; id: number; email: string };
  outlets: { guid: string; name: string }[];
  workplaces: { guid: string; outlet_guid: string }[];
  tokens: { admin: string; owner: string; employee: string; other_org_admin: string; instance_admin: string };
}

export interface SeedLog {
  (message: string): void;
}

const PEOPLE = [
  ["Anna", "Ivanova"],
  ["Boris", "Petrov"],
  ["Daria", "Smirnova"],
  ["Egor", "Kuznetsov"],
  ["Irina", "Sokolova"],
] as const;

/** Demo tokens are for trying things out: they expire rather than stand forever. */
const TOKEN_DAYS = 30;

function uniquePhones(services: Services, n: number): string[] {
  const phones = new Set<string>();
  while (phones.size < n) phones.add(`+79${services.random.digits(9)}`);
  return [...phones];
}

async function instanceAdminToken(services: Services, log: SeedLog): Promise<string> {
  const ensured = await ensureInstanceAdmin(services);
  if (ensured.created && ensured.generatedPassword)
    log(`No instance admin existed: created ${ensured.email} with password ${ensured.generatedPassword} (shown once)`);
  // The instance admin lives in the hidden system organization: act in it by its alias.
  const system = createCaller(createSystemContext(services, { org: { alias: SYSTEM_ORG_ALIAS } }));
  const owners = await system.employees.list({ role: "owner", status: "active", limit: 100 });
  const admin = owners.items.find((e) => e.email === ensured.email) ?? owners.items[0];
  if (!admin) throw new Error("the instance admin could not be found in the system organization");
  const token = await system.tokens.create({
    name: "Demo instance admin",
    employeeGuid: admin.guid,
    scopes: ["admin", "self"],
    expiresInDays: TOKEN_DAYS,
  });
  return token.token;
}

async function createOrg(services: Services, alias: string, name: string, owner: { name: string; email: string; password?: string }) {
  const created = await systemCaller(services).organizations.create({
    name,
    alias,
    owner: { displayName: owner.name, email: owner.email, ...(owner.password ? { password: owner.password } : {}) },
  });
  return { ...created, caller: orgCaller(services, created.organization.guid) };
}

async function token(caller: Caller, name: string, employeeGuid: string, scopes: ("admin" | "self")[]): Promise<string> {
  return (await caller.tokens.create({ name, employeeGuid, scopes, expiresInDays: TOKEN_DAYS })).token;
}

export async function seedDemo(services: Services, log: SeedLog = () => {}): Promise<DemoSeed> {
  const suffix = services.random.bytes(4).toString("hex");
  const alias = `demo-${suffix}`;
  const otherAlias = `demo-${suffix}-other`;
  const mail = (local: string, a: string) => `${local}@${a}.latchkey.test`;

  log(`Creating demo organizations ${alias} and ${otherAlias}…`);
  const orgName = `Demo Coffee ${suffix}`;
  const ownerName = "Olga Vlasova";
  // The policy refuses passwords containing the org's or the person's names: keep clear of them all.
  const avoid = (personName: string) => [personName, orgName, alias, "owner", "admin"];
  const ownerPassword = strongPassword(services.random, avoid(ownerName));
  const main = await createOrg(services, alias, orgName, {
    name: ownerName,
    email: mail("owner", alias),
    password: ownerPassword,
  });
  const other = await createOrg(services, otherAlias, `Demo Bakery ${suffix}`, {
    name: "Kirill Morozov",
    email: mail("owner", otherAlias),
  });
  const api = main.caller;

  const outlets = [];
  for (const name of ["Main Street", "Riverside"]) outlets.push(await api.outlets.create({ name: `${name} ${suffix}` }));
  const workplaces = [];
  for (const outlet of outlets)
    for (const till of ["Till 1", "Till 2"])
      workplaces.push(await api.workplaces.create({ outletGuid: outlet.guid, name: `${outlet.name} ${till}` }));

  const phones = uniquePhones(services, PEOPLE.length + 2);
  const adminName = "Anton Belov";
  const admin = await api.employees.create({ displayName: adminName, email: mail("admin", alias), phone: phones[0]!, role: "admin" });
  const people = [];
  for (const [i, [first, last]] of PEOPLE.entries()) {
    const local = `${first}.${last}`.toLowerCase();
    people.push(
      await api.employees.create({
        displayName: `${first} ${last}`,
        email: mail(local, alias),
        phone: phones[i + 1]!,
        username: `${local}.${suffix}`,
      }),
    );
  }
  const noPhone = await api.employees.create({ displayName: "Pavel Orlov", email: mail("pavel.orlov", alias) });
  const archived = await api.employees.create({ displayName: "Roman Zaitsev", email: mail("roman.zaitsev", alias), phone: phones.at(-1)! });
  await api.employees.archive({ guid: archived.guid });

  const otherAdmin = await other.caller.employees.create({ displayName: "Sergei Volkov", email: mail("admin", otherAlias), role: "admin" });
  const otherEmployee = await other.caller.employees.create({ displayName: "Tatiana Frolova", email: mail("tatiana.frolova", otherAlias) });

  // argon2 runs on the thread pool, so the passwords are hashed side by side.
  const passwords = new Map<string, string>();
  for (const e of [admin, ...people]) passwords.set(e.guid, strongPassword(services.random, avoid(e.displayName)));
  log("Setting passwords…");
  await Promise.all([...passwords].map(([guid, password]) => setPassword(api, { guid, password })));

  log("Issuing tokens…");
  const tokens = {
    admin: await token(api, "Demo admin", admin.guid, ["admin", "self"]),
    owner: await token(api, "Demo owner", main.owner.guid, ["admin", "self"]),
    employee: await token(api, "Demo employee", people[0]!.guid, ["self"]),
    other_org_admin: await token(other.caller, "Demo other org admin", otherAdmin.guid, ["admin", "self"]),
    instance_admin: await instanceAdminToken(services, log),
  };

  const pw = (guid: string) => passwords.get(guid)!;
  const org = main.organization;
  return {
    org: { guid: org.guid, alias: org.alias, name: org.name },
    other_org: { guid: other.organization.guid, alias: other.organization.alias, name: other.organization.name },
    owner: { guid: main.owner.guid, id: main.owner.id, email: main.owner.email!, password: ownerPassword },
    admin: { guid: admin.guid, id: admin.id, email: admin.email!, password: pw(admin.guid) },
    employees: people.map((e) => ({
      guid: e.guid,
      id: e.id,
      email: e.email!,
      phone: e.phone!,
      username: e.username!,
      password: pw(e.guid),
    })),
    employee_without_phone: { guid: noPhone.guid, id: noPhone.id, email: noPhone.email! },
    archived_employee: { guid: archived.guid, id: archived.id, email: archived.email!, phone: archived.phone! },
    other_org_employee: { guid: otherEmployee.guid, id: otherEmployee.id, email: otherEmployee.email! },
    outlets: outlets.map((o) => ({ guid: o.guid, name: o.name })),
    workplaces: workplaces.map((w) => ({ guid: w.guid, outlet_guid: w.outletGuid })),
    tokens,
  };
}
