"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CopyButton } from "~/components/CopyButton";
import { Countdown } from "~/components/Countdown";
import { Modal } from "~/components/Modal";
import { Alert, Button, Check, Field, Select } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";
import type { OutletChoice } from "./OutletPicker";

interface Person {
  guid: string;
  displayName: string;
  phone: string | null;
}

/**
 * Issues an activation code; the code is shown once and forgotten when the dialog closes.
 * Nobody is preselected: the device is bound to the employee chosen here, so the admin chooses
 * (the dialog names who it will be). `outlet` is the workplace's own outlet. It is shown, not
 * chosen: the API accepts an outlet only to check it is the workplace's (LIFE POS's optional
 * `outlet`); moving a workplace is an edit.
 */
export function GenerateCodeDialog({ workplace, outlet }: { workplace: { guid: string; name: string }; outlet: OutletChoice }) {
  const t = useT();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const [picked, setPicked] = useState<Person | null>(null);
  const [sendSms, setSendSms] = useState(false);
  const employees = useQuery(
    trpc.employees.list.queryOptions(
      { status: "active", limit: 50, ...(filter.trim() ? { search: filter.trim() } : {}) },
      { enabled: open },
    ),
  );
  const generate = useMutation(
    trpc.workplaces.generateActivationCode.mutationOptions({
      onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.workplaces.pathKey() }),
    }),
  );
  const matches: Person[] = employees.data?.items ?? [];
  // The one chosen stays a choice while a search leaves it out: what the select shows is what is sent.
  const options = picked && !matches.some((o) => o.guid === picked.guid) ? [picked, ...matches] : matches;
  const form = useMutationForm(generate, () => {
    if (picked) generate.mutate({ guid: workplace.guid, employeeGuid: picked.guid, sendSms });
  });
  const result = generate.data;
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        // Shown once: closing the dialog drops the code, and the next code is for whoever is chosen then.
        generate.reset();
        setSendSms(false);
        setPicked(null);
        setFilter("");
      }}
      title={t("wp.generateFor", { name: workplace.name })}
      trigger={<Button>{t("wp.generate")}</Button>}
    >
      {result ? (
        <div role="status">
          <p className="code" aria-label={t("activate.code")}>
            {result.code}
          </p>
          <p>{t("wp.boundTo", { name: picked?.displayName ?? "" })}</p>
          <p>
            <Countdown until={result.expiresAt} />
          </p>
          {result.smsQueued ? <p>{t("wp.smsQueued")}</p> : null}
          <p className="hint">{t("wp.codeOnce")}</p>
          <div className="actions">
            <CopyButton text={result.code} />
          </div>
        </div>
      ) : (
        <form {...form.props}>
          <Alert>{form.error}</Alert>
          <Field label={t("wp.findEmployee")} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
          <Select
            label={t("wp.employee")}
            value={picked?.guid ?? ""}
            onValue={(guid) => setPicked(options.find((o) => o.guid === guid) ?? null)}
            required
          >
            <option value="">{t("wp.chooseEmployee")}</option>
            {options.map((e) => (
              <option key={e.guid} value={e.guid}>
                {e.displayName}
                {e.phone ? ` · ${e.phone}` : ""}
              </option>
            ))}
          </Select>
          <p className="hint" role="status">
            {picked ? t("wp.willBind", { name: picked.displayName }) : t("wp.chooseWho")}
          </p>
          <p className="hint">
            {t("wp.outlet")}: {outlet.name}
          </p>
          <p className="hint">{t("wp.replacesCode")}</p>
          <Check label={t("wp.sendSms")} checked={sendSms} onChange={(e) => setSendSms(e.target.checked)} />
          <button type="submit" className="primary" disabled={form.pending || !picked}>
            {t("wp.generateSubmit")}
          </button>
        </form>
      )}
    </Modal>
  );
}
