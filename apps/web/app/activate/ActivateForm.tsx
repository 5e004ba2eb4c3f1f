"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Field } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

export function ActivateForm() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const [code, setCode] = useState("");
  const activate = useMutation(trpc.auth.activateWorkplace.mutationOptions());
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
        <form
          method="post"
          onSubmit={(e) => {
            e.preventDefault();
            activate.mutate({ code: code.trim() });
          }}
        >
          <Alert>{activate.error ? errorText(activate.error, t, lang) : null}</Alert>
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
          <button type="submit" className="primary" disabled={activate.isPending}>
            {t("activate.submit")}
          </button>
        </form>
      )}
    </>
  );
}
