"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { AuditEventsTable } from "../../audit/AuditEventsTable";

const RECENT = 15;

/** The latest audit events about the employee, and the way to all of them in the audit log. */
export function EmployeeActivity({ guid, name }: { guid: string; name: string }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const list = useQuery(trpc.audit.list.queryOptions({ targetId: guid, limit: RECENT }));
  return (
    <section className="card" aria-labelledby="emp-activity">
      <h2 id="emp-activity">{t("emp.activity")}</h2>
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      <AuditEventsTable items={list.data?.items} caption={t("emp.activity")} empty={t("emp.activityEmpty")} />
      <p>
        <Link href={`/console/audit?target=${encodeURIComponent(guid)}`}>{t("emp.activityAll", { name })}</Link>
      </p>
    </section>
  );
}
