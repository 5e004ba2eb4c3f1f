"use client";
import Link from "next/link";
import type { RouterOutputs } from "@latchkey/api";
import { fmtDate } from "~/components/ui";
import { actionLabel, actorLabel, reasonText, targetKind } from "~/lib/auditText";
import { useLang, useT } from "~/lib/useT";

type AuditEvent = RouterOutputs["audit"]["list"]["items"][number];

/** A name that shows its id on hover (and to a screen reader's description), or the id alone. */
function Named({ name, id, href }: { name: string; id: string | null; href?: string | undefined }) {
  const text = href ? <Link href={href}>{name}</Link> : name;
  return id ? <span title={id}>{text}</span> : <span>{text}</span>;
}

/**
 * Events as an admin reads them: the action in words, who acted and on what by name (ids on
 * hover and in the details), and what a failure's code means. `caption` names the table.
 */
export function AuditEventsTable({ items, caption, empty }: { items: AuditEvent[] | undefined; caption: string; empty: string }) {
  const t = useT();
  const lang = useLang();
  const col = {
    time: t("audit.time"),
    action: t("audit.action"),
    outcome: t("audit.outcome"),
    actor: t("audit.actor"),
    target: t("audit.target"),
    details: t("audit.details"),
  };
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{col.time}</th>
            <th scope="col">{col.action}</th>
            <th scope="col">{col.outcome}</th>
            <th scope="col">{col.actor}</th>
            <th scope="col">{col.target}</th>
            <th scope="col">{col.details}</th>
          </tr>
        </thead>
        <tbody>
          {items?.map((e) => (
            <tr key={e.id}>
              <td data-label={col.time} className="date">
                {fmtDate(e.createdAt, lang)}
              </td>
              <td data-label={col.action}>
                <span title={e.action}>{actionLabel(t, e.action)}</span>
              </td>
              <td data-label={col.outcome}>
                <span className={`badge badge-${e.outcome}`}>{t(`audit.${e.outcome}`)}</span>
                {e.reason ? (
                  <div className="hint">
                    {reasonText(t, e.reason)} <code className="mono">{e.reason}</code>
                  </div>
                ) : null}
              </td>
              <td data-label={col.actor}>
                <Named
                  name={actorLabel(t, e)}
                  id={e.actorId}
                  href={e.actorType === "employee" && e.actorName && e.actorId ? `/console/employees/${e.actorId}` : undefined}
                />
                {e.actorName ? <div className="hint">{t(`actor.${e.actorType}`)}</div> : null}
              </td>
              <td data-label={col.target}>
                {e.targetId ? (
                  <Named
                    name={e.targetName ?? e.targetId}
                    id={e.targetId}
                    href={e.targetType === "employee" ? `/console/employees/${e.targetId}` : undefined}
                  />
                ) : (
                  "—"
                )}
                {e.targetType ? <div className="hint">{targetKind(t, e.targetType)}</div> : null}
              </td>
              <td data-label={col.details}>
                <details className="event-details">
                  <summary>
                    {t("audit.details")}
                    <span className="sr-only"> {t("audit.detailsOf", { id: e.id })}</span>
                  </summary>
                  <dl className="facts">
                    <dt>{t("audit.id")}</dt>
                    <dd className="mono">{e.id}</dd>
                    <dt>{t("audit.actorId")}</dt>
                    <dd className="mono">{e.actorId ?? "—"}</dd>
                    <dt>{t("audit.targetId")}</dt>
                    <dd className="mono">{e.targetId ?? "—"}</dd>
                    <dt>{t("audit.ip")}</dt>
                    <dd>{e.ip ?? "—"}</dd>
                    <dt>{t("audit.requestId")}</dt>
                    <dd className="mono">{e.requestId ?? "—"}</dd>
                    {e.client ? (
                      <>
                        <dt>{t("audit.client")}</dt>
                        <dd className="mono">
                          {Object.entries(e.client)
                            .map(([k, v]) => `${k}: ${v}`)
                            .join("; ")}
                        </dd>
                      </>
                    ) : null}
                  </dl>
                </details>
              </td>
            </tr>
          ))}
          {items && items.length === 0 ? (
            <tr>
              <td colSpan={6}>{empty}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
