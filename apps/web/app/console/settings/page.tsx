import { Alert } from "~/components/ui";
import { getT, requireMe, serverCaller, titled } from "~/lib/server";
import { SettingsForm } from "./SettingsForm";

export const generateMetadata = () => titled("settings.title");

/** The owner (or an instance admin) changes the policies; an admin reads them and is told who may change them. */
export default async function SettingsPage() {
  const me = await requireMe();
  const t = await getT();
  const settings = await (await serverCaller()).settings.get().catch(() => null);
  const mayEdit = me.instanceAdmin || me.role === "owner";
  return (
    <>
      <h1>{t("settings.title")}</h1>
      {mayEdit ? null : <Alert kind="info">{t("settings.ownersOnly")}</Alert>}
      {settings ? <SettingsForm initial={settings} readOnly={!mayEdit} /> : <Alert>{t("settings.unavailable")}</Alert>}
    </>
  );
}
