"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FilterBar } from "~/components/FilterBar";
import { KeysetPager } from "~/components/KeysetPager";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { oneOf, updateUrlQuery, useUrlQuery } from "~/lib/useUrlQuery";
import { useLang, useT } from "~/lib/useT";
import { OrganizationActions } from "./OrganizationActions";
import { OrganizationFormDialog } from "./OrganizationFormDialog";

const STATES = ["live", "archived"] as const;
const PER_PAGE = 25;

/** Every organization but the installation's own; search, state and page are in the address (`q`, `state`, `after`). */
export function OrganizationsTable() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const url = useUrlQuery(["q", "state", "after"] as const);
  const search = url.q.trim();
  const state = oneOf(STATES, url.state);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery(
    trpc.organizations.list.queryOptions(
      {
        limit: PER_PAGE,
        ...(search ? { search } : {}),
        ...(state ? { archived: state === "archived" } : {}),
        ...(url.after ? { cursor: url.after } : {}),
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const col = { name: t("orgs.name"), alias: t("orgs.alias"), state: t("orgs.state"), created: t("orgs.created") };
  return (
    <>
      <FilterBar
        label={t("orgs.filters")}
        search={{ key: "q", label: t("orgs.search"), placeholder: t("orgs.searchHint") }}
        selects={[
          {
            key: "state",
            label: t("orgs.state"),
            options: [
              { value: "", label: t("orgs.anyState") },
              { value: "live", label: t("orgs.liveOnly") },
              { value: "archived", label: t("orgs.archivedOnly") },
            ],
          },
        ]}
        values={url}
        pageKey="after"
      >
        <OrganizationFormDialog onCreated={setNotice} />
      </FilterBar>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      <div className="table-wrap">
        <table className="stack" aria-busy={list.isFetching}>
          <caption className="sr-only">{t("orgs.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{col.name}</th>
              <th scope="col">{col.alias}</th>
              <th scope="col">{col.state}</th>
              <th scope="col">{col.created}</th>
              <th scope="col">
                <span className="sr-only">{t("orgs.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((o) => (
              <tr key={o.guid}>
                <td data-label={col.name}>
                  <span title={o.guid}>{o.name}</span>
                </td>
                <td data-label={col.alias}>
                  <code>{o.alias}</code>
                </td>
                <td data-label={col.state}>
                  <span className={`badge badge-${o.archived ? "archived" : "active"}`}>
                    {o.archived ? t("status.archived") : t("status.active")}
                  </span>
                </td>
                <td data-label={col.created} className="date">
                  {fmtDate(o.createdAt, lang)}
                </td>
                <td>{o.archived ? null : <OrganizationActions org={o} onDone={setNotice} />}</td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 ? (
              <tr>
                <td colSpan={5}>{t("orgs.empty")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <KeysetPager onFirstPage={!url.after} nextCursor={list.data?.nextCursor} onPage={(after) => updateUrlQuery({ after })} />
    </>
  );
}
