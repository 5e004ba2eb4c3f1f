import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getT, serverCaller } from "~/lib/server";
import { EmployeeDetail } from "./EmployeeDetail";

type Params = { params: Promise<{ guid: string }> };

/** Another organization's employee is answered like a missing one (null). Once per request. */
const loadEmployee = cache(async (guid: string) => (await serverCaller()).employees.get({ guid }).catch(() => null));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const t = await getT();
  const employee = await loadEmployee((await params).guid);
  return { title: employee ? `${employee.displayName} · ${t("nav.employees")}` : t("notFound.title") };
}

export default async function EmployeePage({ params }: Params) {
  const employee = await loadEmployee((await params).guid);
  if (!employee) notFound();
  const t = await getT();
  return (
    <>
      <p>
        <Link href="/console/employees">← {t("emp.back")}</Link>
      </p>
      <EmployeeDetail initial={employee} />
    </>
  );
}
