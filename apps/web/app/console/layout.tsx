import type { ReactNode } from "react";
import { AppShell } from "~/components/AppShell";
import { requireAdmin, serverCaller } from "~/lib/server";

/** The admin console: owners, admins and instance admins of the organization acted in. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const me = await requireAdmin();
  const caller = await serverCaller();
  // The mailbox is there only while a channel uses the `log` provider.
  const box = await caller.mailbox.list({ limit: 1 }).catch(() => null);
  const mailbox = !!box && (box.channels.sms.mailbox || box.channels.email.mailbox);
  return (
    <AppShell me={me} mailbox={mailbox}>
      {children}
    </AppShell>
  );
}
