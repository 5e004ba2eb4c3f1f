"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import type { RouterInputs } from "@latchkey/api";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { KeysetPager } from "~/components/KeysetPager";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { EmployeeFormDialog } from "./EmployeeFormDialog";

type Role = NonNullable<RouterInputs["employees"]["list"]["role"]>;
type Status = NonNullable<RouterInputs["employees"]["list"]["status"]>;

/** Server-paginated (keyset) and server-filtered: the page only holds one page of rows. */
export function EmployeesTable() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const ids = { search: useId(), role: useId(), status: useId() };
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<Status | "">("");
  // Cursors of the pages seen so far: the last one is the page shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => setCursors([undefined]), [search, role, status]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery(
    trpc.employees.list.queryOptions(
      {
        limit: 20,
        ...(search ? { search } : {}),
        ...(role ? { role } : {}),
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <>
      <div className="toolbar" role="search">
        <div className="field">
          <label htmlFor={ids.search} className="sr-only-label">
            {t("emp.search")}
          </label>
          <input id={ids.search} type="search" placeholder={t("emp.search")} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t("field.role")}</label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role | "")}>
            <option value="">{t("emp.anyRole")}</option>
            {(["owner", "admin", "employee"] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t("field.status")}</label>
          <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
            <option value="">{t("emp.anyStatus")}</option>
            {(["active", "locked", "archived"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <EmployeeFormDialog />
      </div>
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      <div className="table-wrap">
        <table aria-busy={list.isFetching}>
          <caption className="sr-only">{t("nav.employees")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("field.name")}</th>
              <th scope="col">{t("field.email")}</th>
              <th scope="col">{t("field.phone")}</th>
              <th scope="col">{t("field.role")}</th>
              <th scope="col">{t("field.status")}</th>
              <th scope="col">{t("field.lastPasswordChange")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((e) => (
              <tr key={e.guid}>
                <td>
                  <Link href={`/console/employees/${e.guid}`}>{e.displayName}</Link>
                  {e.username ? <div className="hint">{e.username}</div> : null}
                </td>
                <td>{e.email ?? "—"}</td>
                <td>{e.phone ?? "—"}</td>
                <td>{t(`role.${e.role}`)}</td>
                <td>
                  <span className={`badge badge-${e.status}`}>{t(`status.${e.status}`)}</span>
                </td>
                <td>{fmtDate(e.passwordChangedAt, lang)}</td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 ? (
              <tr>
                <td colSpan={6}>{t("emp.empty")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <KeysetPager cursors={cursors} nextCursor={list.data?.nextCursor} onChange={setCursors} />
    </>
  );
}
