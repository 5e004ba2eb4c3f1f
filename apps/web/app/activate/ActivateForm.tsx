"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Field } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";

export function ActivateForm() {
  const t = useT();
  const trpc = useTRPC();
  const [code, setCode] = useState("");
  const activate = useMutation(trpc.auth.activateWorkplace.mutationOptions());
  const form = useMutationForm(activate, () => activate.mutate({ code: code.trim() }));
  const r = activate.data;
  return (
    <>
      {r ? (
        <div className="result" role="status">
          <p className="ok-title">{t("activate.done")}</p>
          <dl className="facts">
            <dt>{t("activate.workplace")}</dt>
            <dd>{r.workplace.name}</dd>
            <dt>{t("activate.outlet")}</dt>
            <dd>{r.outlet.name}</dd>
            <dt>{t("activate.employee")}</dt>
            <dd>{r.employee.displayName}</dd>
            <dt>{t("activate.org")}</dt>
            <dd>{r.organization.name}</dd>
          </dl>
        </div>
      ) : (
        <form {...form.props}>
          <Alert>{form.error}</Alert>
          <Field
            label={t("activate.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{1,8}"
            maxLength={8}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
          <button type="submit" className="primary" disabled={form.pending}>
            {t("activate.submit")}
          </button>
        </form>
      )}
    </>
  );
}
