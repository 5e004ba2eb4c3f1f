import { redirect } from "next/navigation";
import { PublicShell } from "~/components/PublicShell";
import { getMe, getT, homeOf, titled } from "~/lib/server";
import { SignInForm } from "./SignInForm";

export const generateMetadata = () => titled("signIn.title");

export default async function SignInPage() {
  const me = await getMe();
  if (me) redirect(homeOf(me));
  const t = await getT();
  return (
    <PublicShell title={t("signIn.title")}>
      <SignInForm />
    </PublicShell>
  );
}
