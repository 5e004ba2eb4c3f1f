import { OnlyFor } from "~/components/OnlyFor";
import { getT, requireMe, titled } from "~/lib/server";
import { OrganizationsTable } from "./OrganizationsTable";

export const generateMetadata = () => titled("orgs.title");

/** Instance admins create, rename and archive the organizations of the installation. */
export default async function OrganizationsPage() {
  const me = await requireMe();
  const t = await getT();
  if (!me.instanceAdmin) return <OnlyFor who="instanceAdmins" back={{ href: "/console/employees", label: t("nav.employees") }} />;
  return (
    <>
      <h1>{t("orgs.title")}</h1>
      <OrganizationsTable />
    </>
  );
}
