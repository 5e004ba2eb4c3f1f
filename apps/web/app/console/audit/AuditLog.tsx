"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { KeysetPager } from "~/components/KeysetPager";
import { useTRPC, useTRPCClient } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { DailyChart } from "./DailyChart";

interface Filters {
  action?: string;
  actorId?: string;
  targetId?: string;
  outcome?: "success" | "failure";
  from?: string;
  to?: string;
}

const EXPORT_LIMIT_PAGES = 100;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  // Quote everything; a leading formula character is neutralized for spreadsheet apps.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function AuditLog() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const ids = { action: useId(), actor: useId(), target: useId(), outcome: useId(), from: useId(), to: useId() };
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery(
    trpc.audit.list.queryOptions({ ...filters, limit: 50, ...(cursor ? { cursor } : {}) }, { placeholderData: keepPreviousData }),
  );
  const counts = useQuery(trpc.audit.dailyCounts.queryOptions({ ...filters, days: 30 }));
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      const rows: string[] = [
        ["id", "time", "action", "outcome", "reason", "actor_type", "actor_id", "target_type", "target_id", "ip", "request_id"].join(","),
      ];
      let next: string | undefined;
      for (let i = 0; i < EXPORT_LIMIT_PAGES; i++) {
        const page = await client.audit.list.query({ ...filters, limit: 100, ...(next ? { cursor: next } : {}) });
        for (const e of page.items)
          rows.push(
            [e.id, e.createdAt, e.action, e.outcome, e.reason, e.actorType, e.actorId, e.targetType, e.targetId, e.ip, e.requestId]
              .map(csvCell)
              .join(","),
          );
        if (!page.nextCursor) break;
        next = page.nextCursor;
      }
      const url = URL.createObjectURL(new Blob([`${rows.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } finally {
      setExporting(false);
    }
  };
  const text = (k: keyof Filters, label: string, id: string, type = "text") => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={(draft[k] as string | undefined) ?? ""}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value || undefined })}
      />
    </div>
  );
  return (
    <>
      {counts.data ? <DailyChart days={counts.data} /> : null}
      <form
        method="post"
        className="toolbar card"
        onSubmit={(e) => {
          e.preventDefault();
          const clean = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined && String(v).trim() !== "")) as Filters;
          setFilters(clean);
          setCursors([undefined]);
        }}
      >
        {text("action", t("audit.action"), ids.action)}
        {text("actorId", t("audit.actor"), ids.actor)}
        {text("targetId", t("audit.target"), ids.target)}
        <div className="field">
          <label htmlFor={ids.outcome}>{t("audit.outcome")}</label>
          <select
            id={ids.outcome}
            value={draft.outcome ?? ""}
            onChange={(e) => setDraft({ ...draft, outcome: (e.target.value || undefined) as Filters["outcome"] })}
          >
            <option value="">{t("common.all")}</option>
            <option value="success">{t("audit.success")}</option>
            <option value="failure">{t("audit.failure")}</option>
          </select>
        </div>
        {text("from", t("audit.from"), ids.from, "date")}
        {text("to", t("audit.to"), ids.to, "date")}
        <button type="submit" className="primary">
          {t("audit.filter")}
        </button>
        <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
          {t("audit.export")}
        </button>
      </form>
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      <div className="table-wrap">
        <table aria-busy={list.isFetching}>
          <caption className="sr-only">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.time")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.outcome")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.target")}</th>
              <th scope="col">{t("audit.ip")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((e) => (
              <tr key={e.id}>
                <td>{fmtDate(e.createdAt, lang)}</td>
                <td>{e.action}</td>
                <td>
                  <span className={`badge badge-${e.outcome}`}>{t(`audit.${e.outcome}`)}</span>
                  {e.reason ? <div className="hint">{e.reason}</div> : null}
                </td>
                <td>
                  {e.actorType}
                  {e.actorId ? <div className="hint">{e.actorId}</div> : null}
                </td>
                <td>
                  {e.targetType ?? "—"}
                  {e.targetId ? (
                    <div className="hint">
                      {e.targetType === "employee" ? <Link href={`/console/employees/${e.targetId}`}>{e.targetId}</Link> : e.targetId}
                    </div>
                  ) : null}
                </td>
                <td>{e.ip ?? "—"}</td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 ? (
              <tr>
                <td colSpan={6}>{t("audit.empty")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <KeysetPager cursors={cursors} nextCursor={list.data?.nextCursor} onChange={setCursors} />
    </>
  );
}
