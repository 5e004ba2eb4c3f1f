"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Modal } from "~/components/Modal";
import { Alert, Button, Field } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";

const EMPTY = { name: "", alias: "", ownerName: "", ownerEmail: "", ownerPassword: "" };

/** A new organization with its one owner (organizations.create, as `latchkey org create` does). */
export function OrganizationFormDialog({ onCreated }: { onCreated: (notice: string) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState(EMPTY);
  const create = useMutation(
    trpc.organizations.create.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.organizations.pathKey() });
        setOpen(false);
        setF(EMPTY);
        onCreated(t("orgs.created.notice", { name: r.organization.name, owner: r.owner.email ?? r.owner.displayName }));
      },
    }),
  );
  const form = useMutationForm(create, () =>
    create.mutate({
      name: f.name,
      alias: f.alias.trim(),
      owner: {
        displayName: f.ownerName,
        email: f.ownerEmail.trim(),
        ...(f.ownerPassword ? { password: f.ownerPassword } : {}),
      },
    }),
  );
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        create.reset();
      }}
      title={t("orgs.new")}
      trigger={<Button className="primary">{t("orgs.new")}</Button>}
    >
      <form {...form.props}>
        <Alert>{form.error}</Alert>
        <Field label={t("orgs.name")} value={f.name} onChange={set("name")} required />
        <Field
          label={t("orgs.alias")}
          value={f.alias}
          onChange={set("alias")}
          hint={t("orgs.aliasHint")}
          pattern="[a-z0-9][a-z0-9\-]*"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <Field label={t("orgs.ownerName")} value={f.ownerName} onChange={set("ownerName")} required />
        <Field label={t("orgs.ownerEmail")} type="email" value={f.ownerEmail} onChange={set("ownerEmail")} required />
        <Field
          label={t("orgs.ownerPassword")}
          type="password"
          autoComplete="new-password"
          value={f.ownerPassword}
          onChange={set("ownerPassword")}
          hint={t("orgs.ownerPasswordHint")}
        />
        <button type="submit" className="primary" disabled={form.pending}>
          {t("orgs.create")}
        </button>
      </form>
    </Modal>
  );
}
