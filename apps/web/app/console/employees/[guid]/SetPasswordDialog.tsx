"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Modal } from "~/components/Modal";
import { PasswordField } from "~/components/PasswordField";
import { Alert, Check } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { usePolicy } from "~/lib/usePolicy";
import { useLang, useT } from "~/lib/useT";

/** employees.setPassword; "Require change at next sign-in" is on by default, as the contract says. */
export function SetPasswordDialog({
  employee,
  onDone,
}: {
  employee: { guid: string; displayName: string; email: string | null; username: string | null };
  onDone: (message: string) => void;
}) {
  const t = useT();
  const lang = useLang();
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
      trigger={<button type="button">{t("emp.setPassword")}</button>}
    >
      <form
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          set.mutate({ guid: employee.guid, password, changeRequired });
        }}
      >
        <Alert>{set.error ? errorText(set.error, t, lang) : null}</Alert>
        <PasswordField
          label={t("pw.new")}
          value={password}
          onChange={setPassword}
          policy={policy}
          userInputs={[employee.displayName, employee.email ?? "", employee.username ?? ""]}
        />
        <Check label={t("emp.requireChange")} checked={changeRequired} onChange={(e) => setChangeRequired(e.target.checked)} />
        <button type="submit" className="primary" disabled={set.isPending}>
          {t("emp.savePassword")}
        </button>
      </form>
    </Modal>
  );
}
