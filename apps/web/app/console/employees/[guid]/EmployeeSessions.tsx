"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "@latchkey/api";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { Alert, Button, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

type Session = RouterOutputs["employees"]["sessions"][number];

/** "Chrome on Windows" from a user agent; enough to tell an employee's browsers apart. */
function deviceOf(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? ua.slice(0, 40);
}

/** The employee's live sessions; an admin ends one, or all (password and tokens stay). */
export function EmployeeSessions({ guid, name }: { guid: string; name: string }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.employees.sessions.queryOptions({ guid }));
  const [allOpen, setAllOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (r: { ended: number }) => {
    setNotice(t("emp.sessionsEnded", { count: r.ended }));
    void qc.invalidateQueries({ queryKey: trpc.employees.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.audit.pathKey() });
  };
  const endAll = useMutation(trpc.employees.endSessions.mutationOptions({ onSuccess: (r) => (setAllOpen(false), done(r)) }));
  const col = {
    device: t("emp.session.device"),
    ip: t("emp.session.ip"),
    started: t("emp.session.started"),
    lastSeen: t("emp.session.lastSeen"),
  };
  const sessions = list.data ?? [];
  return (
    <section className="card" aria-labelledby="emp-sessions">
      <h2 id="emp-sessions">{t("emp.sessions")}</h2>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <Alert>{list.error ? errorText(list.error, t, lang) : null}</Alert>
      {list.data && sessions.length === 0 ? <p>{t("emp.sessionsEmpty")}</p> : null}
      {sessions.length ? (
        <div className="table-wrap">
          <table className="stack">
            <caption className="sr-only">{t("emp.sessions")}</caption>
            <thead>
              <tr>
                <th scope="col">{col.device}</th>
                <th scope="col">{col.ip}</th>
                <th scope="col">{col.started}</th>
                <th scope="col">{col.lastSeen}</th>
                <th scope="col">
                  <span className="sr-only">{t("emp.endSession")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td data-label={col.device}>
                    <span title={s.userAgent ?? undefined}>{deviceOf(s.userAgent) ?? "—"}</span>
                    {s.restricted ? <div className="hint">{t("emp.session.restricted")}</div> : null}
                  </td>
                  <td data-label={col.ip}>{s.ip ?? "—"}</td>
                  <td data-label={col.started} className="date">
                    {fmtDate(s.createdAt, lang)}
                  </td>
                  <td data-label={col.lastSeen} className="date">
                    {fmtDate(s.lastSeenAt, lang)}
                  </td>
                  <td>
                    <EndSession guid={guid} name={name} session={s} onDone={done} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {sessions.length ? (
        <div className="actions">
          <ConfirmDialog
            open={allOpen}
            onOpenChange={(o) => {
              setAllOpen(o);
              endAll.reset();
            }}
            trigger={
              <Button className="danger" onClick={() => setNotice(null)}>
                {t("emp.endAll")}
              </Button>
            }
            title={t("emp.endAllTitle", { name })}
            consequences={[t("emp.endAllConsequence", { name }), t("emp.endKeeps")]}
            confirmLabel={t("emp.endAll")}
            onConfirm={() => endAll.mutate({ guid })}
            pending={endAll.isPending}
            error={endAll.error ? errorText(endAll.error, t, lang) : null}
          />
        </div>
      ) : null}
    </section>
  );
}

function EndSession({
  guid,
  name,
  session,
  onDone,
}: {
  guid: string;
  name: string;
  session: Session;
  onDone: (r: { ended: number }) => void;
}) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const end = useMutation(trpc.employees.endSessions.mutationOptions({ onSuccess: (r) => (setOpen(false), onDone(r)) }));
  const device = deviceOf(session.userAgent) ?? t("emp.unknownDevice");
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        end.reset();
      }}
      trigger={
        <Button className="danger" aria-label={t("emp.endSessionNamed", { device })}>
          {t("emp.endSession")}
        </Button>
      }
      title={t("emp.endSessionTitle", { name })}
      consequences={[t("emp.endSessionConsequence", { device, ip: session.ip ?? "—" }), t("emp.endKeeps")]}
      confirmLabel={t("emp.endSession")}
      onConfirm={() => end.mutate({ guid, sessionId: session.id })}
      pending={end.isPending}
      error={end.error ? errorText(end.error, t, lang) : null}
    />
  );
}
