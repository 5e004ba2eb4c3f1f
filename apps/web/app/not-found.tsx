import Link from "next/link";
import { getT } from "~/lib/server";

export default async function NotFound() {
  const t = await getT();
  return (
    <main id="main" className="card narrow">
      <h1>{t("notFound.title")}</h1>
      <p>
        <Link href="/">{t("app.name")}</Link>
      </p>
    </main>
  );
}
