import { getT, titled } from "~/lib/server";
import { WorkplacesBoard } from "./WorkplacesBoard";

export const generateMetadata = () => titled("wp.title");

export default async function WorkplacesPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("wp.title")}</h1>
      <WorkplacesBoard />
    </>
  );
}
