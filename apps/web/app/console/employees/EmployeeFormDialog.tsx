"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterInputs, RouterOutputs } from "@latchkey/api";
import { Modal } from "~/components/Modal";
import { Alert, Button, Field, Select } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";

export type EditableEmployee = Pick<RouterOutputs["employees"]["get"], "guid" | "displayName" | "email" | "phone" | "username" | "role">;
/** The roles an admin may give: nobody is made owner from here. */
type AssignableRole = NonNullable<RouterInputs["employees"]["create"]["role"]>;

/** Create (no `employee`) or edit an employee. Empty optional fields are cleared on edit. */
export function EmployeeFormDialog({ employee, onSaved }: { employee?: EditableEmployee; onSaved?: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({
    displayName: employee?.displayName ?? "",
    email: employee?.email ?? "",
    phone: employee?.phone ?? "",
    username: employee?.username ?? "",
    role: employee?.role === "admin" ? "admin" : ("employee" as AssignableRole),
  });
  const done = () => {
    void qc.invalidateQueries({ queryKey: trpc.employees.pathKey() });
    setOpen(false);
    onSaved?.();
  };
  const create = useMutation(trpc.employees.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.employees.update.mutationOptions({ onSuccess: done }));
  const m = employee ? update : create;
  const form = useMutationForm(m, () => {
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    if (employee) {
      update.mutate({
        guid: employee.guid,
        displayName: f.displayName,
        email: opt(f.email) ?? null,
        phone: opt(f.phone) ?? null,
        username: opt(f.username) ?? null,
        ...(employee.role !== "owner" ? { role: f.role } : {}),
      });
    } else {
      const email = opt(f.email);
      const phone = opt(f.phone);
      const username = opt(f.username);
      create.mutate({
        displayName: f.displayName,
        role: f.role,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        ...(username ? { username } : {}),
      });
    }
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        m.reset();
      }}
      title={employee ? t("emp.edit") : t("emp.new")}
      trigger={<Button className={employee ? undefined : "primary"}>{employee ? t("emp.edit") : t("emp.new")}</Button>}
    >
      <form {...form.props}>
        <Alert>{form.error}</Alert>
        <Field label={t("field.name")} value={f.displayName} onChange={set("displayName")} required />
        <Field label={t("field.email")} type="email" value={f.email} onChange={set("email")} />
        <Field label={t("field.phone")} type="tel" placeholder="+79161234567" value={f.phone} onChange={set("phone")} />
        <Field label={t("field.username")} value={f.username} onChange={set("username")} />
        {employee?.role !== "owner" ? (
          <Select label={t("field.role")} value={f.role} onValue={(role) => setF({ ...f, role: role as "admin" | "employee" })}>
            <option value="employee">{t("role.employee")}</option>
            <option value="admin">{t("role.admin")}</option>
          </Select>
        ) : null}
        <button type="submit" className="primary" disabled={form.pending}>
          {employee ? t("common.save") : t("emp.create")}
        </button>
      </form>
    </Modal>
  );
}
