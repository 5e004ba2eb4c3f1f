import { PublicShell } from "~/components/PublicShell";
import { getT } from "~/lib/server";
import { ActivateForm } from "./ActivateForm";

export const metadata = { title: "Activate a workplace · Latchkey" };

export default async function ActivatePage() {
  const t = await getT();
  return (
    <PublicShell title={t("activate.title")}>
      <ActivateForm />
    </PublicShell>
  );
}
