import { PublicShell } from "~/components/PublicShell";
import { getT } from "~/lib/server";
import { ResetForm } from "./ResetForm";

export const metadata = { title: "Reset password · Latchkey" };

export default async function ResetPage() {
  const t = await getT();
  return (
    <PublicShell title={t("reset.title")}>
      <ResetForm />
    </PublicShell>
  );
}
