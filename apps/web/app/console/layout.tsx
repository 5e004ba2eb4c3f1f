import type { ReactNode } from "react";
import { AppShell } from "~/components/AppShell";
import { OnlyFor } from "~/components/OnlyFor";
import { getT, requireMe } from "~/lib/server";

/**
 * The admin console: owners, admins and instance admins of the organization acted in. Anyone
 * else signed in is told whose it is (not sent elsewhere without a word).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const me = await requireMe();
  const t = await getT();
  return (
    <AppShell me={me}>{me.orgAdmin ? children : <OnlyFor who="admins" back={{ href: "/account", label: t("nav.account") }} />}</AppShell>
  );
}
