"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { PasswordField } from "~/components/PasswordField";
import { Alert, Field } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";

export function ResetForm() {
  const t = useT();
  const trpc = useTRPC();
  const [login, setLogin] = useState("");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [organization, setOrganization] = useState("");
  const complete = useMutation(trpc.auth.completePasswordReset.mutationOptions());
  const form = useMutationForm(complete, () =>
    complete.mutate({
      login,
      code: code.trim(),
      newPassword: password,
      ...(organization.trim() ? { organization: organization.trim().toLowerCase() } : {}),
    }),
  );
  if (complete.isSuccess)
    return (
      <>
        <Alert kind="ok">{t("reset.done")}</Alert>
        <p>
          <Link href="/sign-in">{t("signIn.submit")}</Link>
        </p>
      </>
    );
  return (
    <form {...form.props}>
      <Alert>{form.error}</Alert>
      <Field label={t("signIn.login")} autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required />
      <Field
        label={t("reset.code")}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{8}"
        maxLength={8}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        required
      />
      <PasswordField label={t("pw.new")} value={password} onChange={setPassword} userInputs={[login]} />
      <details>
        <summary>{t("reset.org")}</summary>
        <Field label={t("reset.org")} value={organization} onChange={(e) => setOrganization(e.target.value)} />
      </details>
      <button type="submit" className="primary" disabled={form.pending}>
        {t("reset.submit")}
      </button>
    </form>
  );
}
