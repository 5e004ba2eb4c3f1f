"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Modal } from "~/components/Modal";
import { Alert, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";
import { EmployeeFormDialog } from "../EmployeeFormDialog";
import { SetPasswordDialog } from "./SetPasswordDialog";
import type { RouterOutputs } from "@latchkey/api";

type Employee = RouterOutputs["employees"]["get"];

export function EmployeeDetail({ initial }: { initial: Employee }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery(trpc.employees.get.queryOptions({ guid: initial.guid }, { initialData: initial }));
  const e = q.data;
  const [notice, setNotice] = useState<string | null>(null);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.employees.pathKey() });
  const reset = useMutation(
    trpc.employees.resetPassword.mutationOptions({
      onSuccess: (r) => {
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
  const failure = reset.error ?? archive.error;
  return (
    <>
      <h1>{e.displayName}</h1>
      <Alert>{failure ? errorText(failure, t, lang) : null}</Alert>
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
            <span className={`badge badge-${e.status}`}>{t(`status.${e.status}`)}</span>
            {e.passwordChangeRequired ? <span className="badge"> {t("emp.changeRequired")}</span> : null}
          </dd>
          <dt>{t("field.lastPasswordChange")}</dt>
          <dd>{fmtDate(e.passwordChangedAt, lang)}</dd>
          <dt>{t("field.created")}</dt>
          <dd>{fmtDate(e.createdAt, lang)}</dd>
        </dl>
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              reset.mutate({ guid: e.guid });
            }}
            disabled={reset.isPending}
          >
            {t("emp.resetPassword")}
          </button>
          <SetPasswordDialog employee={e} onDone={(msg) => setNotice(msg)} />
          {e.status !== "archived" ? <EmployeeFormDialog key={e.sequence} employee={e} /> : null}
          {e.status !== "archived" && e.role !== "owner" ? (
            <Modal
              open={archiveOpen}
              onOpenChange={setArchiveOpen}
              title={t("emp.archive")}
              trigger={
                <button type="button" className="danger">
                  {t("emp.archive")}
                </button>
              }
            >
              <p>{t("emp.archiveConfirm")}</p>
              <div className="actions">
                <button type="button" className="danger" onClick={() => archive.mutate({ guid: e.guid })} disabled={archive.isPending}>
                  {t("emp.archive")}
                </button>
                <button type="button" onClick={() => setArchiveOpen(false)}>
                  {t("common.cancel")}
                </button>
              </div>
            </Modal>
          ) : null}
        </div>
      </section>
    </>
  );
}
