"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { cursorStack, KeysetPager } from "~/components/KeysetPager";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { GenerateCodeDialog } from "./GenerateCodeDialog";
import { ArchiveWorkplace, EditWorkplaceDialog } from "./WorkplaceActions";

/** Workplaces per page of one outlet's card: the card holds one page, never the whole outlet. */
const WORKPLACES_PER_PAGE = 25;

/** One outlet's card: its workplaces a page at a time (keyset), with who activated them. */
export function OutletWorkplaces({ outlet }: { outlet: { guid: string; name: string } }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  // Cursors of the pages seen so far: the last one is the page shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const pages = cursorStack(cursors, setCursors);
  const cursor = pages.cursor;
  const page = useQuery(
    trpc.workplaces.list.queryOptions(
      { outletGuid: outlet.guid, limit: WORKPLACES_PER_PAGE, ...(cursor ? { cursor } : {}) },
      { placeholderData: keepPreviousData },
    ),
  );
  // Pages come in the server's keyset order; within a page, by name as people number their tills.
  // In the server's order (name, then guid) so pages read as one list; archived workplaces never come.
  const items = page.data?.items ?? [];
  const paged = cursors.length > 1 || Boolean(page.data?.nextCursor);
  const headingId = `o-${outlet.guid}`;
  return (
    <section className="card outlet" aria-labelledby={headingId}>
      <h2 id={headingId}>{outlet.name}</h2>
      <Alert>{page.error ? errorText(page.error, t, lang) : null}</Alert>
      {page.data && items.length === 0 && !paged ? <p className="hint">{t("wp.empty")}</p> : null}
      <ul className="wp-list" aria-busy={page.isFetching}>
        {items.map((w) => (
          <li key={w.guid} data-workplace={w.name}>
            <div>
              <strong>{w.name}</strong> <span className={`badge badge-${w.status}`}>{t(`status.${w.status}`)}</span>
              {w.status === "active" && w.activatedBy ? (
                <div className="hint">{t("wp.activatedBy", { name: w.activatedBy.displayName, date: fmtDate(w.activatedAt, lang) })}</div>
              ) : null}
            </div>
            <div className="row-actions">
              <GenerateCodeDialog workplace={w} outlet={outlet} />
              <EditWorkplaceDialog workplace={w} outlet={outlet} />
              <ArchiveWorkplace workplace={w} />
            </div>
          </li>
        ))}
      </ul>
      {/* Most outlets fit on one page: their cards carry no pager. */}
      {paged ? (
        <KeysetPager
          onFirstPage={pages.onFirstPage}
          onPage={pages.onPage}
          nextCursor={page.data?.nextCursor}
          label={t("wp.workplacePages", { name: outlet.name })}
        />
      ) : null}
    </section>
  );
}
