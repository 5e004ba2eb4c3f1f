"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { ChangePasswordForm } from "~/components/ChangePasswordForm";
import type { PasswordPolicy } from "~/components/PasswordField";
import { Button, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

export function AccountClient({ displayName, login, policy }: { displayName: string; login: string; policy: PasswordPolicy | null }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const sessions = useQuery(trpc.me.sessions.queryOptions());
  const [confirming, setConfirming] = useState(false);
  // Every session ends, this one included: back to the sign-in page.
  const everywhere = useMutation(
    trpc.me.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        qc.clear();
        window.location.assign("/sign-in");
      },
    }),
  );
  return (
    <>
      <section aria-labelledby="pw-h" className="card">
        <h2 id="pw-h">{t("pw.change")}</h2>
        <ChangePasswordForm userInputs={[displayName, login]} policy={policy} />
      </section>
      <section aria-labelledby="sessions-h" className="card">
        <h2 id="sessions-h">{t("account.sessions")}</h2>
        <div className="table-wrap">
          <table className="stack">
            <caption className="sr-only">{t("account.sessions")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("account.client")}</th>
                <th scope="col">{t("audit.ip")}</th>
                <th scope="col">{t("account.started")}</th>
                <th scope="col">{t("account.lastSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {(sessions.data ?? []).map((s) => (
                <tr key={s.id}>
                  <td data-label={t("account.client")}>
                    {s.userAgent ?? "—"} {s.current ? <strong>({t("account.current")})</strong> : null}
                  </td>
                  <td data-label={t("audit.ip")}>{s.ip ?? "—"}</td>
                  <td data-label={t("account.started")} className="date">
                    {fmtDate(s.createdAt, lang)}
                  </td>
                  <td data-label={t("account.lastSeen")} className="date">
                    {fmtDate(s.lastSeenAt, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ConfirmDialog
          open={confirming}
          onOpenChange={(o) => {
            setConfirming(o);
            everywhere.reset();
          }}
          trigger={<Button className="danger">{t("account.signOutEverywhere")}</Button>}
          title={t("account.signOutEverywhereTitle")}
          consequences={[t("account.signOutEverywhereConsequence.all"), t("account.signOutEverywhereConsequence.here")]}
          confirmLabel={t("account.signOutEverywhere")}
          onConfirm={() => everywhere.mutate()}
          pending={everywhere.isPending}
          error={everywhere.error ? errorText(everywhere.error, t, lang) : null}
        />
      </section>
    </>
  );
}
