import { AppShell } from "~/components/AppShell";
import { PublicShell } from "~/components/PublicShell";
import { getMe, getT, titled } from "~/lib/server";
import { ApiReference } from "./ApiReference";

export const generateMetadata = () => titled("docs.title");

/** Renders /openapi.json: every REST path the documented APIs expose. Signed in, it keeps the console's frame. */
export default async function ApiDocsPage() {
  const t = await getT();
  const me = await getMe();
  const body = (
    <>
      <p>
        <a href="/openapi.json">openapi.json</a>
      </p>
      <ApiReference />
    </>
  );
  if (me && !me.restricted)
    return (
      <AppShell me={me}>
        <h1>{t("docs.title")}</h1>
        {body}
      </AppShell>
    );
  return (
    <PublicShell title={t("docs.title")} wide>
      {body}
    </PublicShell>
  );
}
