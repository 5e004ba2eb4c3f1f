"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { RouterInputs } from "@latchkey/api";
import { FilterBar } from "~/components/FilterBar";
import { KeysetPager } from "~/components/KeysetPager";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { oneOf, updateUrlQuery, useUrlQuery } from "~/lib/useUrlQuery";
import { useLang, useT } from "~/lib/useT";
import { EmployeeFormDialog } from "./EmployeeFormDialog";

type Role = NonNullable<RouterInputs["employees"]["list"]["role"]>;
type Status = NonNullable<RouterInputs["employees"]["list"]["status"]>;
const ROLES = ["owner", "admin", "employee"] as const satisfies readonly Role[];
const STATUSES = ["active", "locked", "archived"] as const satisfies readonly Status[];
const PER_PAGE = 20;

/**
 * Server-paginated (keyset) and server-filtered: the page only holds one page of rows. Search,
 * filters and the page are in the address (`q`, `role`, `status`, `after`).
 */
export function EmployeesTable() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const url = useUrlQuery(["q", "role", "status", "after"] as const);
  const search = url.q.trim();
  const role = oneOf(ROLES, url.role);
  const status = oneOf(STATUSES, url.status);
  const list = useQuery(
    trpc.employees.list.queryOptions(
      {
        limit: PER_PAGE,
        ...(search ? { search } : {}),
        ...(role ? { role } : {}),
        ...(status ? { status } : {}),
        ...(url.after ? { cursor: url.after } : {}),
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const filters = { ...(search ? { search } : {}), ...(role ? { role } : {}), ...(status ? { status } : {}) };
  const total = useQuery(trpc.employees.count.queryOptions(filters, { placeholderData: keepPreviousData }));
  const col = {
    name: t("field.name"),
    email: t("field.email"),
    phone: t("field.phone"),
    role: t("field.role"),
    status: t("field.status"),
    changed: t("field.lastPasswordChange"),
  };
  return (
    <>
      <FilterBar
        label={t("emp.filters")}
        search={{ key: "q", label: t("emp.search"), placeholder: t("emp.searchHint") }}
        selects={[
          {
            key: "role",
            label: t("field.role"),
            options: [{ value: "", label: t("emp.anyRole") }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))],
          },
          {
            key: "status",
            label: t("field.status"),
            options: [{ value: "", label: t("emp.anyStatus") }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))],
          },
        ]}
        values={url}
        pageKey="after"
      >
        <EmployeeFormDialog />
      </FilterBar>
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      <p className="list-total" role="status">
        {total.data
          ? total.data.capped
            ? t("emp.total.capped", { count: total.data.total.toLocaleString(lang) })
            : total.data.total === 1
              ? t("emp.total.one")
              : t("emp.total", { count: total.data.total.toLocaleString(lang) })
          : null}
      </p>
      <div className="table-wrap">
        <table className="stack" aria-busy={list.isFetching}>
          <caption className="sr-only">{t("nav.employees")}</caption>
          <thead>
            <tr>
              <th scope="col">{col.name}</th>
              <th scope="col">{col.email}</th>
              <th scope="col">{col.phone}</th>
              <th scope="col">{col.role}</th>
              <th scope="col">{col.status}</th>
              <th scope="col">{col.changed}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((e) => (
              <tr key={e.guid}>
                <td data-label={col.name}>
                  <Link href={`/console/employees/${e.guid}`}>{e.displayName}</Link>
                  {e.username ? <div className="hint">{e.username}</div> : null}
                </td>
                <td data-label={col.email}>{e.email ?? "—"}</td>
                <td data-label={col.phone}>{e.phone ?? "—"}</td>
                <td data-label={col.role}>{t(`role.${e.role}`)}</td>
                <td data-label={col.status}>
                  <span className="badges">
                    <span className={`badge badge-${e.status}`}>{t(`status.${e.status}`)}</span>
                    {e.passwordChangeRequired ? <span className="badge badge-pending">{t("emp.changeRequiredShort")}</span> : null}
                  </span>
                </td>
                <td data-label={col.changed} className="date">
                  {fmtDate(e.passwordChangedAt, lang)}
                </td>
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
      <KeysetPager onFirstPage={!url.after} nextCursor={list.data?.nextCursor} onPage={(after) => updateUrlQuery({ after })} />
    </>
  );
}
