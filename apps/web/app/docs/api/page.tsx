import { PublicShell } from "~/components/PublicShell";
import { getT } from "~/lib/server";
import { OpenApiView } from "./OpenApiView";

export const metadata = { title: "REST API · Latchkey" };

/** Renders /openapi.json: every REST path the documented APIs expose. */
export default async function ApiDocsPage() {
  const t = await getT();
  return (
    <PublicShell title={t("docs.title")} wide>
      <OpenApiView />
    </PublicShell>
  );
}
