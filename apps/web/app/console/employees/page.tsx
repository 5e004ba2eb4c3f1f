import { getT, titled } from "~/lib/server";
import { EmployeesTable } from "./EmployeesTable";

export const generateMetadata = () => titled("nav.employees");

export default async function EmployeesPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("nav.employees")}</h1>
      <EmployeesTable />
    </>
  );
}
