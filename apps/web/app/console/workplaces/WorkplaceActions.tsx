"use client";
// Renaming, moving to another outlet and archiving a workplace (workplaces.update / .archive).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { Modal } from "~/components/Modal";
import { Alert, Button, Field } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useLang, useT } from "~/lib/useT";
import { OutletPicker, useOutletPicker, type OutletChoice } from "./OutletPicker";

interface Workplace {
  guid: string;
  name: string;
  status: "pending" | "active";
}

function useRefresh() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: trpc.workplaces.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.outlets.pathKey() });
  };
}

export function EditWorkplaceDialog({ workplace, outlet }: { workplace: Workplace; outlet: OutletChoice }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(workplace.name);
  const picker = useOutletPicker(outlet, { enabled: open });
  const update = useMutation(
    trpc.workplaces.update.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        refresh();
      },
    }),
  );
  const form = useMutationForm(update, () => {
    const target = picker.outlet;
    if (!target) return;
    update.mutate({
      guid: workplace.guid,
      ...(name.trim() !== workplace.name ? { name } : {}),
      ...(target.guid !== outlet.guid ? { outletGuid: target.guid } : {}),
    });
  });
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setName(workplace.name);
        update.reset();
      }}
      title={t("wp.editTitle", { name: workplace.name })}
      trigger={<Button aria-label={t("wp.editNamed", { name: workplace.name })}>{t("wp.edit")}</Button>}
    >
      <form {...form.props}>
        <Alert>{form.error}</Alert>
        <Field label={t("wp.name")} value={name} onChange={(e) => setName(e.target.value)} required />
        <OutletPicker {...picker.props} />
        {picker.outlet && picker.outlet.guid !== outlet.guid ? (
          <p className="hint" role="status">
            {t("wp.moveNote", { from: outlet.name, to: picker.outlet.name })}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={form.pending || !picker.outlet}>
          {t("common.save")}
        </button>
      </form>
    </Modal>
  );
}

export function ArchiveWorkplace({ workplace }: { workplace: Workplace }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const archive = useMutation(
    trpc.workplaces.archive.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        refresh();
      },
    }),
  );
  const name = workplace.name;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        archive.reset();
      }}
      trigger={
        <Button className="danger" aria-label={t("wp.archiveNamed", { name })}>
          {t("wp.archive")}
        </Button>
      }
      title={t("wp.archiveTitle", { name })}
      consequences={[
        t("wp.archiveConsequence.codes", { name }),
        ...(workplace.status === "active" ? [t("wp.archiveConsequence.active")] : []),
        t("wp.archiveConsequence.final"),
      ]}
      confirmLabel={t("wp.archive")}
      onConfirm={() => archive.mutate({ guid: workplace.guid })}
      pending={archive.isPending}
      error={archive.error ? errorText(archive.error, t, lang) : null}
    />
  );
}
