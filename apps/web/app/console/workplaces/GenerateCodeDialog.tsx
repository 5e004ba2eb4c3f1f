"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { CopyButton } from "~/components/CopyButton";
import { Countdown } from "~/components/Countdown";
import { Modal } from "~/components/Modal";
import { Alert, Check } from "~/components/ui";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";
import type { OutletChoice } from "./OutletPicker";

/**
 * Issues an activation code; the code is shown once and forgotten when the dialog closes.
 * `outlet` is the workplace's own outlet. It is shown, not chosen: the API accepts an outlet only
 * to check it is the workplace's (LIFE POS's optional `outlet`); moving a workplace is an edit.
 */
export function GenerateCodeDialog({ workplace, outlet }: { workplace: { guid: string; name: string }; outlet: OutletChoice }) {
  const t = useT();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const ids = { filter: useId(), employee: useId() };
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const [employeeGuid, setEmployeeGuid] = useState("");
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
  const options = employees.data?.items ?? [];
  const chosen = options.some((o) => o.guid === employeeGuid) ? employeeGuid : (options[0]?.guid ?? "");
  const form = useMutationForm(generate, () => {
    if (chosen) generate.mutate({ guid: workplace.guid, employeeGuid: chosen, sendSms });
  });
  const result = generate.data;
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        // Shown once: closing the dialog drops the code.
        generate.reset();
        setSendSms(false);
      }}
      title={t("wp.generateFor", { name: workplace.name })}
      trigger={<button type="button">{t("wp.generate")}</button>}
    >
      {result ? (
        <div role="status">
          <p className="code" aria-label={t("activate.code")}>
            {result.code}
          </p>
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
          <div className="field">
            <label htmlFor={ids.filter}>{t("emp.search")}</label>
            <input id={ids.filter} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.employee}>{t("wp.employee")}</label>
            <select id={ids.employee} value={chosen} onChange={(e) => setEmployeeGuid(e.target.value)} required>
              {options.map((e) => (
                <option key={e.guid} value={e.guid}>
                  {e.displayName}
                  {e.phone ? ` · ${e.phone}` : ""}
                </option>
              ))}
            </select>
          </div>
          <p className="hint">
            {t("wp.outlet")}: {outlet.name}
          </p>
          <Check label={t("wp.sendSms")} checked={sendSms} onChange={(e) => setSendSms(e.target.checked)} />
          <button type="submit" className="primary" disabled={form.pending || !chosen}>
            {t("wp.generateSubmit")}
          </button>
        </form>
      )}
    </Modal>
  );
}
