import Link from "next/link";
import type { ReactNode } from "react";
import { getT, serverCaller, type Me } from "~/lib/server";
import { LangSwitch } from "./LangSwitch";
import { NavLinks } from "./NavLinks";
import { OrgSwitcher, type OrgChoice } from "./OrgSwitcher";
import { SignOutButton } from "./SignOutButton";

/**
 * The frame of signed-in pages: navigation by role, and for instance admins the switcher that
 * shows (and changes) the organization the page acts in.
 */
export async function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const t = await getT();
  const caller = await serverCaller();
  // The organization the page acts in, as the procedures resolve it (an instance admin's cookie
  // included); null when the named one is gone.
  const acting: OrgChoice | null = me.orgAdmin
    ? await caller.organizations
        .current()
        .then((o) => ({ guid: o.guid, name: o.name, alias: o.alias }))
        .catch(() => null)
    : null;
  // The mailbox is there only while a channel uses the `log` provider.
  const box = acting ? await caller.mailbox.list({ limit: 1 }).catch(() => null) : null;
  const mailbox = !!box && (box.channels.sms.mailbox || box.channels.email.mailbox);
  const links = me.orgAdmin
    ? [
        { href: "/console/employees", label: t("nav.employees") },
        { href: "/console/workplaces", label: t("nav.workplaces") },
        { href: "/console/audit", label: t("nav.audit") },
        { href: "/console/tokens", label: t("nav.tokens") },
        { href: "/console/settings", label: t("nav.settings") },
        ...(me.instanceAdmin ? [{ href: "/console/organizations", label: t("nav.organizations") }] : []),
        ...(mailbox ? [{ href: "/console/mailbox", label: t("nav.mailbox") }] : []),
        { href: "/docs/api", label: t("docs.title") },
        ...(me.employee ? [{ href: "/account", label: t("nav.account") }] : []),
      ]
    : [
        { href: "/account", label: t("nav.account") },
        { href: "/docs/api", label: t("docs.title") },
      ];
  const own = me.organization ? { guid: me.organization.guid, name: me.organization.name, alias: me.organization.alias } : null;
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
          {me.instanceAdmin ? <OrgSwitcher current={acting} own={own} /> : <span className="org-name">{me.organization?.name}</span>}
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
