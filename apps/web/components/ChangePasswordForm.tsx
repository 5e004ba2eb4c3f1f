"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";
import { PasswordField, type PasswordPolicy } from "./PasswordField";
import { Alert, Field } from "./ui";

/**
 * me.changePassword: the current password, the new one twice. `policy` is the employee's own
 * organization's (auth.me), the one the server will judge the new password by.
 */
export function ChangePasswordForm({
  userInputs,
  policy,
  onDone,
}: {
  userInputs: string[];
  policy: PasswordPolicy | null;
  onDone?: () => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(
    trpc.me.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent("");
        setNext("");
        setConfirm("");
        onDone?.();
      },
    }),
  );
  const form = useMutationForm(change, () => {
    const bad = next !== confirm;
    setMismatch(bad);
    if (!bad) change.mutate({ currentPassword: current, newPassword: next });
  });
  return (
    <form {...form.props}>
      <Alert>{mismatch ? t("pw.mismatch") : form.error}</Alert>
      {change.isSuccess ? <Alert kind="ok">{t("pw.changed")}</Alert> : null}
      <Field
        label={t("pw.current")}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <PasswordField label={t("pw.new")} value={next} onChange={setNext} policy={policy} userInputs={userInputs} />
      <Field
        label={t("pw.confirm")}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        required
      />
      <button type="submit" className="primary" disabled={form.pending}>
        {t("pw.change")}
      </button>
    </form>
  );
}
