import { PublicShell } from "~/components/PublicShell";
import { getT, titled } from "~/lib/server";
import { ActivateForm } from "./ActivateForm";

export const generateMetadata = () => titled("activate.title");

export default async function ActivatePage() {
  const t = await getT();
  return (
    <PublicShell title={t("activate.title")}>
      <ActivateForm />
    </PublicShell>
  );
}
