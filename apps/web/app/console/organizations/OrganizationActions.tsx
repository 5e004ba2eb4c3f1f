"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "@latchkey/api";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { Modal } from "~/components/Modal";
import { Alert, Button, Field } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { ORG_COOKIE } from "~/lib/orgCookie";
import { useTRPC, writeCookie } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useLang, useT } from "~/lib/useT";

type Org = RouterOutputs["organizations"]["list"]["items"][number];

const actingIn = () => new RegExp(`(?:^|; )${ORG_COOKIE}=([^;]*)`).exec(document.cookie)?.[1] ?? null;

/** Open the organization's console, rename it, archive it (asking first). */
export function OrganizationActions({ org, onDone }: { org: Org; onDone: (notice: string) => void }) {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [renameOpen, setRenameOpen] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [name, setName] = useState(org.name);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.organizations.pathKey() });
  const rename = useMutation(
    trpc.organizations.rename.mutationOptions({
      onSuccess: (o) => {
        setRenameOpen(false);
        onDone(t("orgs.renamed", { name: o.name }));
        void refresh();
      },
    }),
  );
  const archive = useMutation(
    trpc.organizations.archive.mutationOptions({
      onSuccess: (o) => {
        setArchiveOpen(false);
        // The console cannot act in an archived organization: back to the instance admins' own.
        if (actingIn() === o.guid) writeCookie(ORG_COOKIE, null);
        onDone(t("orgs.archived", { name: o.name }));
        void refresh();
      },
    }),
  );
  const form = useMutationForm(rename, () => rename.mutate({ guid: org.guid, name }));
  return (
    <div className="actions row-actions">
      <Button
        aria-label={t("orgs.actInNamed", { name: org.name })}
        onClick={() => {
          writeCookie(ORG_COOKIE, org.guid);
          window.location.assign("/console/employees");
        }}
      >
        {t("orgs.actIn")}
      </Button>
      <Modal
        open={renameOpen}
        onOpenChange={(o) => {
          setRenameOpen(o);
          setName(org.name);
          rename.reset();
        }}
        title={t("orgs.renameTitle", { name: org.name })}
        trigger={<Button aria-label={t("orgs.renameNamed", { name: org.name })}>{t("orgs.rename")}</Button>}
      >
        <form {...form.props}>
          <Alert>{form.error}</Alert>
          <Field label={t("orgs.newName")} value={name} onChange={(e) => setName(e.target.value)} required />
          <button type="submit" className="primary" disabled={form.pending}>
            {t("common.save")}
          </button>
        </form>
      </Modal>
      <ConfirmDialog
        open={archiveOpen}
        onOpenChange={(o) => {
          setArchiveOpen(o);
          archive.reset();
        }}
        trigger={
          <Button className="danger" aria-label={t("orgs.archiveNamed", { name: org.name })}>
            {t("orgs.archive")}
          </Button>
        }
        title={t("orgs.archiveTitle", { name: org.name })}
        consequences={[
          t("orgs.archiveConsequence.signIn", { name: org.name }),
          t("orgs.archiveConsequence.revoke"),
          t("orgs.archiveConsequence.final"),
        ]}
        confirmLabel={t("orgs.archive")}
        onConfirm={() => archive.mutate({ guid: org.guid })}
        pending={archive.isPending}
        error={archive.error ? errorText(archive.error, t, lang) : null}
      />
    </div>
  );
}
