"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert, Button } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { KeysetPager } from "~/components/KeysetPager";
import { useTRPC, useTRPCClient } from "~/lib/trpc";
import { oneOf, updateUrlQuery, useUrlQuery } from "~/lib/useUrlQuery";
import { actionLabel } from "~/lib/auditText";
import { useLang, useT } from "~/lib/useT";
import { AuditEventsTable } from "./AuditEventsTable";
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

const FILTER_KEYS = ["action", "actor", "target", "outcome", "from", "to"] as const;
const OUTCOMES = ["success", "failure"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters of the address, as audit.list takes them (what it would refuse is left out). */
function filtersOf(url: Record<(typeof FILTER_KEYS)[number], string>): Filters {
  const f: Filters = {};
  if (url.action.trim()) f.action = url.action.trim();
  if (url.actor.trim()) f.actorId = url.actor.trim();
  if (url.target.trim()) f.targetId = url.target.trim();
  const outcome = oneOf(OUTCOMES, url.outcome);
  if (outcome) f.outcome = outcome;
  if (DAY.test(url.from)) f.from = url.from;
  if (DAY.test(url.to)) f.to = url.to;
  return f;
}

/**
 * The audit log of the organization acted in. The filters are a GET form of named fields whose
 * values are the address's (`action`, `actor`, `target`, `outcome`, `from`, `to`, and the page in
 * `after`): applied, they become the address; before hydration the browser submits them itself.
 */
export function AuditLog() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const ids = { action: useId(), actor: useId(), target: useId(), outcome: useId(), from: useId(), to: useId() };
  const url = useUrlQuery([...FILTER_KEYS, "after"] as const);
  const filters = filtersOf(url);
  const cursor = url.after || undefined;
  const list = useQuery(
    trpc.audit.list.queryOptions({ ...filters, limit: 50, ...(cursor ? { cursor } : {}) }, { placeholderData: keepPreviousData }),
  );
  const counts = useQuery(trpc.audit.dailyCounts.queryOptions({ ...filters, days: 30 }));
  const actions = useQuery(trpc.audit.actions.queryOptions());
  // The action in the address is a choice even before (or without) the list of actions, so the
  // select shows it; choices are sorted by their name in the visitor's language.
  const actionChoices = [...new Set([...(url.action.trim() ? [url.action.trim()] : []), ...(actions.data ?? [])])]
    .map((a) => ({ value: a, label: actionLabel(t, a) }))
    .sort((x, y) => x.label.localeCompare(y.label, lang));
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      const rows: string[] = [
        [
          "id",
          "time",
          "action",
          "outcome",
          "reason",
          "actor_type",
          "actor_id",
          "actor_name",
          "target_type",
          "target_id",
          "target_name",
          "ip",
          "request_id",
        ].join(","),
      ];
      let next: string | undefined;
      for (let i = 0; i < EXPORT_LIMIT_PAGES; i++) {
        const page = await client.audit.list.query({ ...filters, limit: 100, ...(next ? { cursor: next } : {}) });
        for (const e of page.items)
          rows.push(
            [
              e.id,
              e.createdAt,
              e.action,
              e.outcome,
              e.reason,
              e.actorType,
              e.actorId,
              e.actorName,
              e.targetType,
              e.targetId,
              e.targetName,
              e.ip,
              e.requestId,
            ]
              .map(csvCell)
              .join(","),
          );
        if (!page.nextCursor) break;
        next = page.nextCursor;
      }
      const href = URL.createObjectURL(new Blob([`${rows.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = href;
      a.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 1000);
    } finally {
      setExporting(false);
    }
  };
  const text = (k: (typeof FILTER_KEYS)[number], label: string, id: string, type = "text", placeholder?: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={k} type={type} defaultValue={url[k]} placeholder={placeholder} />
    </div>
  );
  // Remounted when the address changes (back, forward): the fields show the filters in force.
  const formKey = FILTER_KEYS.map((k) => url[k]).join("\u0000");
  return (
    <>
      {counts.data ? <DailyChart days={counts.data} /> : null}
      <form
        key={formKey}
        method="get"
        autoComplete="off"
        className="toolbar card"
        role="search"
        aria-label={t("audit.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const patch: Record<string, string | undefined> = { after: undefined };
          for (const k of FILTER_KEYS) patch[k] = String(data.get(k) ?? "").trim();
          updateUrlQuery(patch);
        }}
      >
        <div className="field">
          <label htmlFor={ids.action}>{t("audit.action")}</label>
          <select id={ids.action} name="action" defaultValue={url.action.trim()}>
            <option value="">{t("audit.anyAction")}</option>
            {actionChoices.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        {text("actor", t("audit.actor"), ids.actor, "text", t("audit.actorHint"))}
        {text("target", t("audit.target"), ids.target, "text", t("audit.targetHint"))}
        <div className="field">
          <label htmlFor={ids.outcome}>{t("audit.outcome")}</label>
          <select id={ids.outcome} name="outcome" defaultValue={url.outcome}>
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
        <Button onClick={() => void exportCsv()} disabled={exporting}>
          {t("audit.export")}
        </Button>
      </form>
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      <div aria-busy={list.isFetching}>
        <AuditEventsTable items={list.data?.items} caption={t("audit.title")} empty={t("audit.empty")} />
      </div>
      <KeysetPager onFirstPage={!cursor} nextCursor={list.data?.nextCursor} onPage={(after) => updateUrlQuery({ after })} />
    </>
  );
}
