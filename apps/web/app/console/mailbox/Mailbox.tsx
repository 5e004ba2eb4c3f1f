"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

const LINK = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

/** A message body with its links (a reset message's) clickable; only http(s), never a referrer. */
function MailBody({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(LINK)) {
    parts.push(text.slice(at, m.index));
    parts.push(
      <a key={m.index} href={m[0]} target="_blank" rel="noopener noreferrer">
        {m[0]}
      </a>,
    );
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return <p className="mail">{parts}</p>;
}

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
            <MailBody text={m.body} />
          </div>
        </li>
      ))}
    </ol>
  );
}
