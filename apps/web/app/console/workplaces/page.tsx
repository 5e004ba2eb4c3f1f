import { getT } from "~/lib/server";
import { WorkplacesBoard } from "./WorkplacesBoard";

export const metadata = { title: "Outlets & workplaces · Latchkey" };

export default async function WorkplacesPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("wp.title")}</h1>
      <WorkplacesBoard />
    </>
  );
}
