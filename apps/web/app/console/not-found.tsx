import Link from "next/link";
import { getT } from "~/lib/server";

/** Inside the console frame: an unknown page, or an object that is missing or another organization's. */
export default async function ConsoleNotFound() {
  const t = await getT();
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <div className="card">
        <p>{t("notFound.console")}</p>
        <p>
          <Link href="/console/employees">{t("emp.back")}</Link>
        </p>
      </div>
    </>
  );
}
