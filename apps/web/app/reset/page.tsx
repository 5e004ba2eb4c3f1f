import { PublicShell } from "~/components/PublicShell";
import { getT, titled } from "~/lib/server";
import { ResetForm } from "./ResetForm";

export const generateMetadata = () => titled("reset.title");

export default async function ResetPage() {
  const t = await getT();
  return (
    <PublicShell title={t("reset.title")}>
      <ResetForm />
    </PublicShell>
  );
}
