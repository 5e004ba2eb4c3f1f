"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Modal } from "~/components/Modal";
import { PasswordField } from "~/components/PasswordField";
import { Alert, Button, Check } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { usePolicy } from "~/lib/usePolicy";
import { useT } from "~/lib/useT";

/** employees.setPassword; "Require change at next sign-in" is on by default (docs/SPEC.md §2.1). */
export function SetPasswordDialog({
  employee,
  onDone,
}: {
  employee: { guid: string; displayName: string; email: string | null; username: string | null };
  onDone: (message: string) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const policy = usePolicy();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [changeRequired, setChangeRequired] = useState(true);
  const set = useMutation(
    trpc.employees.setPassword.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setPassword("");
        onDone(t("emp.passwordSet"));
        void qc.invalidateQueries({ queryKey: trpc.employees.pathKey() });
      },
    }),
  );
  const form = useMutationForm(set, () => set.mutate({ guid: employee.guid, password, changeRequired }));
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setPassword("");
        setChangeRequired(true);
        set.reset();
      }}
      title={t("emp.setPassword")}
      trigger={<Button>{t("emp.setPassword")}</Button>}
    >
      <form {...form.props}>
        <p className="hint">{t("emp.setConsequence", { name: employee.displayName })}</p>
        <Alert>{form.error}</Alert>
        <PasswordField
          label={t("pw.new")}
          value={password}
          onChange={setPassword}
          policy={policy}
          userInputs={[employee.displayName, employee.email ?? "", employee.username ?? ""]}
        />
        <Check label={t("emp.requireChange")} checked={changeRequired} onChange={(e) => setChangeRequired(e.target.checked)} />
        <button type="submit" className="primary" disabled={form.pending}>
          {t("emp.savePassword")}
        </button>
      </form>
    </Modal>
  );
}
