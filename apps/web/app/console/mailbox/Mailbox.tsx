"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

/** The developer mailbox: messages of the `log` provider, newest first. */
export function Mailbox() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const q = useQuery(trpc.mailbox.list.queryOptions({ limit: 50 }, { refetchInterval: 5_000 }));
  if (q.error) return <Alert>{errorText(q.error, t, lang)}</Alert>;
  if (!q.data) return <p>{t("common.loading")}</p>;
  if (!q.data.channels.sms.mailbox && !q.data.channels.email.mailbox) return <p>{t("mailbox.unavailable")}</p>;
  if (q.data.items.length === 0) return <p>{t("mailbox.empty")}</p>;
  return (
    <ol className="mail-list" aria-label={t("mailbox.title")}>
      {q.data.items.map((m) => (
        <li key={m.id} className="card mail-item">
          <div>
            <span className="badge">{m.channel.toUpperCase()}</span> <strong>{m.subject ?? m.kind}</strong>
            <div className="hint">
              {t("mailbox.to")}: {m.recipient} · {fmtDate(m.createdAt, lang)} · {t(`mailbox.status.${m.status}`)}
            </div>
            <p className="mail">{m.body}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
