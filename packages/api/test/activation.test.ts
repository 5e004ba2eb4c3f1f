import { describe, expect, it } from "vitest";
import { eq } from "@latchkey/db";
import { keyedHash } from "../src/lib/secrets";
import { codeOf, createHarness } from "./harness";
import { seedWorld } from "./activationFixtures";
import { testTables } from "@latchkey/db/testing";

const { activationCodes, auditEvents, outboxMessages, workplaces } = testTables();

const h = createHarness();
const HOUR = 3600_000;

const activate = (code: string, ip = "203.0.113.10", client?: Record<string, string>) =>
  h.anonymous({ ip, ...(client ? { client } : {}) }).auth.activateWorkplace({ code });

/** Every column of every audit event as one string, to look for a leaked code. */
const auditDump = async () => JSON.stringify(await h.db.select().from(auditEvents));

describe("workplaces.generateActivationCode", () => {
  it("returns an 8-digit code once, stores only its keyed hash and audits without it", async () => {
    const w = await seedWorld(h, "Gen");
    const now = h.clock.now();
    const out = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    expect(out.code).toMatch(/^\d{8}$/);
    expect(out).toMatchObject({ workplaceGuid: w.workplace.guid, employeeGuid: w.employee.guid, smsQueued: false });
    expect(out.expiresAt).toBe(new Date(now + HOUR).toISOString());
    const rows = await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w.workplace.guid));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).toBe(keyedHash(h.services.secret, out.code));
    expect(JSON.stringify(rows)).not.toContain(out.code);
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "workplace.generate_activation_code"));
    expect(events.at(-1)).toMatchObject({ orgGuid: w.org.guid, targetType: "workplace", targetId: w.workplace.guid, outcome: "success" });
    expect(await auditDump()).not.toContain(out.code);
    // Nothing queued without sendSms.
    expect(await h.db.select().from(outboxMessages).where(eq(outboxMessages.orgGuid, w.org.guid))).toHaveLength(0);
  });

  it("leaves one open code when codes for one workplace are generated at once", async () => {
    const w = await seedWorld(h, "GenRace");
    const outs = await Promise.all(
      Array.from({ length: 12 }, () => w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid })),
    );
    expect(new Set(outs.map((o) => o.code)).size).toBe(12);
    const rows = await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w.workplace.guid));
    expect(rows).toHaveLength(12);
    expect(rows.filter((c) => c.revokedAt === null && c.consumedAt === null)).toHaveLength(1);
  });

  it("accepts the workplace's own outlet and refuses another one", async () => {
    const w = await seedWorld(h, "Outlet");
    const input = { guid: w.workplace.guid, employeeGuid: w.employee.guid };
    expect(await codeOf(w.api.workplaces.generateActivationCode({ ...input, outletGuid: w.outlet.guid }))).toBe("ok");
    const err = await w.api.workplaces.generateActivationCode({ ...input, outletGuid: w.otherOutlet.guid }).catch((e) => e);
    expect(err.cause.code).toBe("RequestIsNotValid");
    expect(err.cause.field).toBe("outletGuid");
  });

  it("refuses unknown, foreign and archived objects with the right codes", async () => {
    const w = await seedWorld(h, "Refuse");
    const other = await seedWorld(h, "Foreign");
    const gen = (patch: Partial<{ guid: string; employeeGuid: string; outletGuid: string }>) =>
      w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid, ...patch });
    expect(await codeOf(gen({ guid: crypto.randomUUID() }))).toBe("NotFound");
    expect(await codeOf(gen({ guid: other.workplace.guid }))).toBe("NotFound");
    for (const employeeGuid of [crypto.randomUUID(), other.employee.guid]) {
      const err = await gen({ employeeGuid }).catch((e) => e);
      expect(err.cause.code).toBe("ReferenceNotFound");
      expect(err.cause.field).toBe("employeeGuid");
    }
    for (const outletGuid of [crypto.randomUUID(), other.outlet.guid]) {
      const err = await gen({ outletGuid }).catch((e) => e);
      expect(err.cause.code).toBe("ReferenceNotFound");
      expect(err.cause.field).toBe("outletGuid");
    }
    expect(await codeOf(gen({ employeeGuid: "not-a-uuid" }))).toBe("RequestIsNotValid");
    expect(
      await codeOf(h.asToken(w.employeeToken).workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid })),
    ).toBe("NoPermissions");
    expect(await codeOf(h.anonymous().workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid }))).toBe(
      "Unauthorized",
    );
    await w.api.employees.archive({ guid: w.noPhone.guid });
    expect(await codeOf(gen({ employeeGuid: w.noPhone.guid }))).toBe("NotAllowedForArchived");
    await w.api.workplaces.archive({ guid: w.workplace.guid });
    expect(await codeOf(gen({}))).toBe("NotAllowedForArchived");
    // Every refusal was audited, against the workplace named in the request.
    const failures = (await h.db.select().from(auditEvents).where(eq(auditEvents.orgGuid, w.org.guid))).filter(
      (e) => e.action === "workplace.generate_activation_code" && e.outcome === "failure",
    );
    expect(failures.length).toBeGreaterThanOrEqual(8);
  });

  it("an instance admin acting in the organization may generate codes", async () => {
    const w = await seedWorld(h, "Instance");
    const out = await w.instance.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    expect(out.code).toMatch(/^\d{8}$/);
  });

  it("regenerating invalidates the previous unused code", async () => {
    const w = await seedWorld(h, "Regen");
    const input = { guid: w.workplace.guid, employeeGuid: w.employee.guid };
    const first = await w.api.workplaces.generateActivationCode(input);
    const second = await w.api.workplaces.generateActivationCode(input);
    expect(await codeOf(activate(first.code, "203.0.113.20"))).toBe("WrongActivationCode");
    expect(await codeOf(activate(second.code, "203.0.113.20"))).toBe("ok");
    const open = (await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w.workplace.guid))).filter(
      (c) => c.revokedAt === null && c.consumedAt === null,
    );
    expect(open).toHaveLength(0);
  });

  it("picks another code when the drawn one is live, and recycles an expired one", async () => {
    const w = await seedWorld(h, "Collide");
    const w2 = await seedWorld(h, "Collide");
    const real = h.services.random;
    const script = ["11112222", "11112222", "33334444"];
    h.services.random = { ...real, digits: () => script.shift() ?? real.digits(8) };
    try {
      const a = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
      const b = await w2.api.workplaces.generateActivationCode({ guid: w2.workplace.guid, employeeGuid: w2.employee.guid });
      expect(a.code).toBe("11112222");
      expect(b.code).toBe("33334444");
      // Once the first expires, its digits may be issued again and name only the new workplace.
      h.clock.advance(HOUR);
      script.push("11112222");
      const c = await w2.api.workplaces.generateActivationCode({ guid: w2.workplace.guid, employeeGuid: w2.employee.guid });
      expect(c.code).toBe("11112222");
      const out = await activate("11112222", "203.0.113.21");
      expect(out.workplace.guid).toBe(w2.workplace.guid);
    } finally {
      h.services.random = real;
    }
  });

  it("sends the code by SMS with the workplace name and lifetime, once per cooldown", async () => {
    const w = await seedWorld(h, "Sms");
    const input = { guid: w.workplace.guid, employeeGuid: w.employee.guid, sendSms: true };
    const out = await w.api.workplaces.generateActivationCode(input);
    expect(out.smsQueued).toBe(true);
    const msgs = await h.db.select().from(outboxMessages).where(eq(outboxMessages.orgGuid, w.org.guid));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ channel: "sms", kind: "activation_code", recipient: w.employee.phone, status: "pending" });
    expect(msgs[0]!.body).toContain(out.code);
    expect(msgs[0]!.body).toContain(w.workplace.name);
    expect(msgs[0]!.body).toContain("Valid for 1 hour");
    // A second SMS within 60 s is refused; returning the code is not.
    const err = await w.api.workplaces.generateActivationCode(input).catch((e) => e);
    expect(err.cause.code).toBe("TrySendCodeLater");
    expect(err.cause.retryAfterSeconds).toBeGreaterThan(0);
    expect(await codeOf(w.api.workplaces.generateActivationCode({ ...input, sendSms: false }))).toBe("ok");
    h.clock.advance(61_000);
    expect(await codeOf(w.api.workplaces.generateActivationCode(input))).toBe("ok");
    expect(await auditDump()).not.toContain(out.code);
  });

  it("refuses sendSms for an employee without a phone", async () => {
    const w = await seedWorld(h, "NoPhone");
    const gen = w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.noPhone.guid, sendSms: true });
    expect(await codeOf(gen)).toBe("PhoneIsNotFound");
    expect(await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w.workplace.guid))).toHaveLength(0);
  });
});

describe("sendSms without an SMS provider", () => {
  const off = createHarness({ LATCHKEY_SMS_PROVIDER: "none" });
  it("is NotificationsAreOutOfService, and leaves the earlier code alive", async () => {
    const w = await seedWorld(off, "Off");
    const input = { guid: w.workplace.guid, employeeGuid: w.employee.guid };
    const first = await w.api.workplaces.generateActivationCode(input);
    expect(await codeOf(w.api.workplaces.generateActivationCode({ ...input, sendSms: true }))).toBe("NotificationsAreOutOfService");
    expect(await codeOf(off.anonymous().auth.activateWorkplace({ code: first.code }))).toBe("ok");
  });
});

describe("auth.activateWorkplace", () => {
  it("consumes the code, activates the workplace and returns its references", async () => {
    const w = await seedWorld(h, "Act");
    const { code } = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    const out = await activate(code, "198.51.100.1", { "X-LP-Client-Type": "Android", "X-LP-Client-Model": "Pixel" });
    expect(out).toEqual({
      workplace: { guid: w.workplace.guid, name: w.workplace.name, status: "active", activatedAt: new Date(h.clock.now()).toISOString() },
      organization: { guid: w.org.guid, alias: w.org.alias, name: "Act" },
      outlet: { guid: w.outlet.guid, name: w.outlet.name },
      employee: { guid: w.employee.guid, id: w.employee.id, displayName: expect.stringMatching(/^Cashier/) },
    });
    const row = (await h.db.select().from(workplaces).where(eq(workplaces.guid, w.workplace.guid)))[0]!;
    expect(row).toMatchObject({ status: "active", activatedAt: h.clock.now(), activatedByEmployeeId: w.employee.id });
    expect(JSON.parse(row.activatedClient!)).toEqual({ "X-LP-Client-Type": "Android", "X-LP-Client-Model": "Pixel" });
    const view = await w.api.workplaces.get({ guid: w.workplace.guid });
    expect(view.status).toBe("active");
    const event = (await h.db.select().from(auditEvents).where(eq(auditEvents.action, "workplace.activate"))).at(-1)!;
    expect(event).toMatchObject({ orgGuid: w.org.guid, targetId: w.workplace.guid, outcome: "success", actorType: "anonymous" });
    // Single use.
    expect(await codeOf(activate(code, "198.51.100.1"))).toBe("WrongActivationCode");
    expect(await auditDump()).not.toContain(code);
  });

  it("refuses unknown and expired codes as WrongActivationCode, audited without an organization", async () => {
    const w = await seedWorld(h, "Expire");
    const { code } = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    h.clock.advance(HOUR);
    expect(await codeOf(activate(code, "198.51.100.2"))).toBe("WrongActivationCode");
    expect(await codeOf(activate("00000000", "198.51.100.2"))).toBe("WrongActivationCode");
    const failures = await h.db.select().from(auditEvents).where(eq(auditEvents.ip, "198.51.100.2"));
    expect(failures).toHaveLength(2);
    expect(failures.every((e) => e.orgGuid === null && e.outcome === "failure" && e.reason === "WrongActivationCode")).toBe(true);
    expect(await auditDump()).not.toContain(code);
  });

  it("a code is still good one millisecond before it expires", async () => {
    const w = await seedWorld(h, "Edge");
    const { code } = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    h.clock.advance(HOUR - 1);
    expect(await codeOf(activate(code, "198.51.100.3"))).toBe("ok");
  });

  it("refuses a code whose workplace or employee was archived since, keeping the code unused", async () => {
    const w = await seedWorld(h, "Arch");
    const { code } = await w.api.workplaces.generateActivationCode({ guid: w.workplace.guid, employeeGuid: w.employee.guid });
    await w.api.employees.archive({ guid: w.employee.guid });
    expect(await codeOf(activate(code, "198.51.100.4"))).toBe("NotAllowedForArchived");
    const w2 = await seedWorld(h, "Arch2");
    const second = await w2.api.workplaces.generateActivationCode({ guid: w2.workplace.guid, employeeGuid: w2.employee.guid });
    await w2.api.workplaces.archive({ guid: w2.workplace.guid });
    expect(await codeOf(activate(second.code, "198.51.100.4"))).toBe("NotAllowedForArchived");
    const row = (await h.db.select().from(activationCodes).where(eq(activationCodes.workplaceGuid, w2.workplace.guid)))[0]!;
    expect(row.consumedAt).toBeNull();
    const event = (await h.db.select().from(auditEvents).where(eq(auditEvents.ip, "198.51.100.4"))).at(-1)!;
    expect(event).toMatchObject({ orgGuid: w2.org.guid, reason: "NotAllowedForArchived", targetId: w2.workplace.guid });
  });

  it("rejects malformed codes as invalid requests", async () => {
    for (const code of ["", "123456789", "12ab5678", " 12345678"])
      expect(await codeOf(activate(code, "198.51.100.5"))).toBe("RequestIsNotValid");
  });
});
