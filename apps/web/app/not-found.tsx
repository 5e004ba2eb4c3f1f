import Link from "next/link";
import { AppShell } from "~/components/AppShell";
import { PublicShell } from "~/components/PublicShell";
import { getMe, getT, homeOf, titled } from "~/lib/server";

export const generateMetadata = () => titled("notFound.title");

/** An address nothing answers: in the signed-in frame when there is a session, else the public one. */
export default async function NotFound() {
  const t = await getT();
  const me = await getMe();
  if (me && !me.restricted)
    return (
      <AppShell me={me}>
        <h1>{t("notFound.title")}</h1>
        <div className="card">
          <p>{t("notFound.body")}</p>
          <p>
            <Link href={homeOf(me)}>{t("notFound.home")}</Link>
          </p>
        </div>
      </AppShell>
    );
  return (
    <PublicShell title={t("notFound.title")}>
      <p>{t("notFound.body")}</p>
      <p>
        <Link href="/">{t("notFound.home")}</Link>
      </p>
    </PublicShell>
  );
}
