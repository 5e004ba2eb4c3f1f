import { redirect } from "next/navigation";
import { getT, requireAdmin, serverCaller } from "~/lib/server";
import { SettingsForm } from "./SettingsForm";

export const metadata = { title: "Settings · Latchkey" };

export default async function SettingsPage() {
  const me = await requireAdmin();
  if (!me.instanceAdmin && me.role !== "owner") redirect("/console/employees");
  const t = await getT();
  const settings = await (await serverCaller()).settings.get();
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsForm initial={settings} />
    </>
  );
}
