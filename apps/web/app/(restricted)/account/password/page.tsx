import { redirect } from "next/navigation";
import { PublicShell } from "~/components/PublicShell";
import { SignOutButton } from "~/components/SignOutButton";
import { Alert } from "~/components/ui";
import { getMe, getT, titled } from "~/lib/server";
import { RestrictedPasswordForm } from "./RestrictedPasswordForm";

export const generateMetadata = () => titled("pw.changeTitle");

/** The one page a restricted session (password change required) can reach. */
export default async function ChangePasswordPage() {
  const me = await getMe();
  if (!me) redirect("/sign-in");
  const t = await getT();
  const e = me.employee;
  return (
    <PublicShell title={t("pw.changeTitle")}>
      {me.restricted ? <Alert kind="info">{t("pw.mustChange")}</Alert> : null}
      <RestrictedPasswordForm userInputs={[e?.displayName ?? "", e?.email ?? "", e?.username ?? ""]} policy={me.passwordPolicy} />
      <p className="links">
        <SignOutButton />
      </p>
    </PublicShell>
  );
}
