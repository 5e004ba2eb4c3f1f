import { getT, titled } from "~/lib/server";
import { ApiTokens } from "./ApiTokens";

export const generateMetadata = () => titled("tokens.title");

export default async function TokensPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("tokens.title")}</h1>
      <ApiTokens />
    </>
  );
}
