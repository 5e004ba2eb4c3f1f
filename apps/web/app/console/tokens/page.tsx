import { getT } from "~/lib/server";
import { ApiTokens } from "./ApiTokens";

export const metadata = { title: "API tokens · Latchkey" };

export default async function TokensPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("tokens.title")}</h1>
      <ApiTokens />
    </>
  );
}
