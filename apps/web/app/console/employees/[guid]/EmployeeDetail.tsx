"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "@latchkey/api";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { Alert, Button, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { EmployeeFormDialog } from "../EmployeeFormDialog";
import { EmployeeActivity } from "./EmployeeActivity";
import { EmployeeSessions } from "./EmployeeSessions";
import { EmployeeTokens } from "./EmployeeTokens";
import { SetPasswordDialog } from "./SetPasswordDialog";

type Employee = RouterOutputs["employees"]["get"];

export function EmployeeDetail({ initial }: { initial: Employee }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery(trpc.employees.get.queryOptions({ guid: initial.guid }, { initialData: initial }));
  const e = q.data;
  const [notice, setNotice] = useState<string | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.employees.pathKey() });
  const reset = useMutation(
    trpc.employees.resetPassword.mutationOptions({
      onSuccess: (r) => {
        setResetOpen(false);
        setNotice(t("emp.resetDone", { channel: r.channel === "sms" ? "SMS" : "email" }));
        void refresh();
      },
    }),
  );
  const archive = useMutation(
    trpc.employees.archive.mutationOptions({
      onSuccess: () => {
        setArchiveOpen(false);
        void refresh();
      },
    }),
  );
  const unlock = useMutation(
    trpc.employees.unlock.mutationOptions({
      onSuccess: (u) => {
        setNotice(t("emp.unlocked", { name: u.displayName }));
        void refresh();
        void qc.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
    }),
  );
  const name = e.displayName;
  // Locked by wrong passwords until `lockedUntil` (docs/SPEC.md §3); it lifts by itself then.
  const lockedUntil = e.lockedUntil && Date.parse(e.lockedUntil) > Date.now() ? e.lockedUntil : null;
  const delivery = e.phone
    ? t("emp.resetConsequence.sms", { phone: e.phone })
    : e.email
      ? t("emp.resetConsequence.email", { email: e.email })
      : t("emp.resetConsequence.nowhere");
  return (
    <>
      <h1>{name}</h1>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <section className="card" aria-label={t("account.profile")}>
        <dl className="facts">
          <dt>{t("field.email")}</dt>
          <dd>{e.email ?? "—"}</dd>
          <dt>{t("field.phone")}</dt>
          <dd>{e.phone ?? "—"}</dd>
          <dt>{t("field.username")}</dt>
          <dd>{e.username ?? "—"}</dd>
          <dt>{t("field.role")}</dt>
          <dd>{t(`role.${e.role}`)}</dd>
          <dt>{t("field.status")}</dt>
          <dd>
            <span className="badges">
              <span className={`badge badge-${e.status}`}>{t(`status.${e.status}`)}</span>
              {e.passwordChangeRequired ? <span className="badge badge-pending">{t("emp.changeRequired")}</span> : null}
            </span>
          </dd>
          <dt>{t("emp.changeRequiredFact")}</dt>
          <dd>{e.passwordChangeRequired ? t("common.yes") : t("common.no")}</dd>
          <dt>{t("emp.lock")}</dt>
          <dd>
            {lockedUntil ? (
              <span className="lock-state">
                <span className="badge badge-locked">{t("emp.lockedBadge")}</span>{" "}
                <span>{t("emp.lockedUntil", { time: fmtDate(lockedUntil, lang) })}</span>{" "}
                <Button onClick={() => (setNotice(null), unlock.mutate({ guid: e.guid }))} disabled={unlock.isPending}>
                  {t("emp.unlock")}
                </Button>
              </span>
            ) : (
              t("emp.notLocked")
            )}
            {unlock.error ? <Alert>{errorText(unlock.error, t, lang)}</Alert> : null}
          </dd>
          <dt>{t("field.lastPasswordChange")}</dt>
          <dd>{fmtDate(e.passwordChangedAt, lang)}</dd>
          <dt>{t("field.created")}</dt>
          <dd>{fmtDate(e.createdAt, lang)}</dd>
        </dl>
        <div className="actions">
          <ConfirmDialog
            open={resetOpen}
            onOpenChange={(o) => {
              setResetOpen(o);
              reset.reset();
            }}
            trigger={<Button onClick={() => setNotice(null)}>{t("emp.resetPassword")}</Button>}
            title={t("emp.resetTitle", { name })}
            consequences={[t("emp.resetConsequence.password"), t("emp.resetConsequence.revoke", { name }), delivery]}
            confirmLabel={t("emp.resetPassword")}
            onConfirm={() => reset.mutate({ guid: e.guid })}
            pending={reset.isPending}
            error={reset.error ? errorText(reset.error, t, lang) : null}
          />
          <SetPasswordDialog employee={e} onDone={(msg) => setNotice(msg)} />
          {e.status !== "archived" ? <EmployeeFormDialog key={e.sequence} employee={e} /> : null}
          {e.status !== "archived" && e.role !== "owner" ? (
            <ConfirmDialog
              open={archiveOpen}
              onOpenChange={(o) => {
                setArchiveOpen(o);
                archive.reset();
              }}
              trigger={<Button className="danger">{t("emp.archive")}</Button>}
              title={t("emp.archiveTitle", { name })}
              consequences={[
                t("emp.archiveConsequence.signIn", { name }),
                t("emp.archiveConsequence.revoke"),
                t("emp.archiveConsequence.final"),
              ]}
              confirmLabel={t("emp.archive")}
              onConfirm={() => archive.mutate({ guid: e.guid })}
              pending={archive.isPending}
              error={archive.error ? errorText(archive.error, t, lang) : null}
            />
          ) : null}
        </div>
      </section>
      <EmployeeSessions guid={e.guid} name={name} />
      <EmployeeTokens guid={e.guid} />
      <EmployeeActivity guid={e.guid} name={name} />
    </>
  );
}
