import { AppShell } from "~/components/AppShell";
import { getT, requireMe, titled } from "~/lib/server";
import { AccountClient } from "./AccountClient";

export const generateMetadata = () => titled("account.title");

export default async function AccountPage() {
  const me = await requireMe();
  const t = await getT();
  const e = me.employee;
  return (
    <AppShell me={me}>
      <h1>{t("account.title")}</h1>
      <section aria-labelledby="profile-h" className="card">
        <h2 id="profile-h">{t("account.profile")}</h2>
        <dl className="facts">
          <dt>{t("field.name")}</dt>
          <dd>{e?.displayName ?? "—"}</dd>
          <dt>{t("field.email")}</dt>
          <dd>{e?.email ?? "—"}</dd>
          <dt>{t("field.username")}</dt>
          <dd>{e?.username ?? "—"}</dd>
          <dt>{t("field.phone")}</dt>
          <dd>{e?.phone ?? "—"}</dd>
          <dt>{t("field.role")}</dt>
          <dd>{me.role ? t(`role.${me.role}`) : "—"}</dd>
          <dt>{t("field.organization")}</dt>
          <dd>{me.organization?.name ?? "—"}</dd>
        </dl>
      </section>
      <AccountClient displayName={e?.displayName ?? ""} login={e?.email ?? e?.username ?? ""} policy={me.passwordPolicy} />
    </AppShell>
  );
}
