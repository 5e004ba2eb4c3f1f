import Link from "next/link";
import { notFound } from "next/navigation";
import { getT, serverCaller } from "~/lib/server";
import { EmployeeDetail } from "./EmployeeDetail";

export const metadata = { title: "Employee · Latchkey" };

export default async function EmployeePage({ params }: { params: Promise<{ guid: string }> }) {
  const { guid } = await params;
  const t = await getT();
  const caller = await serverCaller();
  // Another organization's employee is answered like a missing one.
  const employee = await caller.employees.get({ guid }).catch(() => null);
  if (!employee) notFound();
  return (
    <>
      <p>
        <Link href="/console/employees">← {t("emp.back")}</Link>
      </p>
      <EmployeeDetail initial={employee} />
    </>
  );
}
