import { PublicShell } from "~/components/PublicShell";
import { getT } from "~/lib/server";
import { ApiReference } from "./ApiReference";

export const metadata = { title: "REST API · Latchkey" };

/** Renders /openapi.json: every REST path the documented APIs expose. */
export default async function ApiDocsPage() {
  const t = await getT();
  return (
    <PublicShell title={t("docs.title")} wide>
      <p>
        <a href="/openapi.json">openapi.json</a>
      </p>
      <ApiReference />
    </PublicShell>
  );
}
