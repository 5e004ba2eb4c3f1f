import { getT } from "~/lib/server";
import { EmployeesTable } from "./EmployeesTable";

export const metadata = { title: "Employees · Latchkey" };

export default async function EmployeesPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("nav.employees")}</h1>
      <EmployeesTable />
    </>
  );
}
