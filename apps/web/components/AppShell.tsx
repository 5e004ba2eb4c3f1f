import Link from "next/link";
import type { ReactNode } from "react";
import { getT, serverCaller, type Me } from "~/lib/server";
import { LangSwitch } from "./LangSwitch";
import { NavLinks } from "./NavLinks";
import { OrgSwitcher } from "./OrgSwitcher";
import { SignOutButton } from "./SignOutButton";

/** The frame of signed-in pages: navigation by role, the org switcher for instance admins. */
export async function AppShell({ me, mailbox = false, children }: { me: Me; mailbox?: boolean; children: ReactNode }) {
  const t = await getT();
  const caller = await serverCaller();
  let orgs: { guid: string; name: string; alias: string }[] = [];
  let current: string | null = me.organization?.guid ?? null;
  if (me.instanceAdmin) {
    const [list, cur] = await Promise.all([caller.organizations.list({ limit: 100 }), caller.organizations.current().catch(() => null)]);
    orgs = list.items.map((o) => ({ guid: o.guid, name: o.name, alias: o.alias }));
    current = cur?.guid ?? current;
  }
  const links = me.orgAdmin
    ? [
        { href: "/console/employees", label: t("nav.employees") },
        { href: "/console/workplaces", label: t("nav.workplaces") },
        { href: "/console/audit", label: t("nav.audit") },
        { href: "/console/tokens", label: t("nav.tokens") },
        ...(me.instanceAdmin || me.role === "owner" ? [{ href: "/console/settings", label: t("nav.settings") }] : []),
        ...(mailbox ? [{ href: "/console/mailbox", label: t("nav.mailbox") }] : []),
        { href: "/docs/api", label: t("docs.title") },
        ...(me.employee ? [{ href: "/account", label: t("nav.account") }] : []),
      ]
    : [{ href: "/account", label: t("nav.account") }];
  return (
    <div className="shell">
      <a href="#main" className="skip">
        {t("common.skip")}
      </a>
      <header className="top">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <div className="top-tools">
          {me.instanceAdmin ? <OrgSwitcher orgs={orgs} current={current} /> : <span className="org-name">{me.organization?.name}</span>}
          <LangSwitch />
          <span className="who">{me.employee?.displayName ?? me.employee?.email}</span>
          <SignOutButton />
        </div>
      </header>
      <nav aria-label={t("nav.main")} className="side">
        <NavLinks links={links} />
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
