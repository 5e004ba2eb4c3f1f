"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert, Field, fmtDate } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useLang, useT } from "~/lib/useT";
import { GenerateCodeDialog } from "./GenerateCodeDialog";

/** Workplaces grouped by outlet, with who activated them. */
export function WorkplacesBoard() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const outlets = useQuery(trpc.outlets.list.queryOptions({ limit: 100 }));
  const workplaces = useQuery(trpc.workplaces.list.queryOptions({ limit: 100 }));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.outlets.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.workplaces.pathKey() });
  };
  const [outletName, setOutletName] = useState("");
  const createOutlet = useMutation(trpc.outlets.create.mutationOptions({ onSuccess: () => (setOutletName(""), refresh()) }));
  const [wpName, setWpName] = useState("");
  const [wpOutlet, setWpOutlet] = useState("");
  const createWorkplace = useMutation(trpc.workplaces.create.mutationOptions({ onSuccess: () => (setWpName(""), refresh()) }));
  const outletSelect = useId();
  const list = (outlets.data?.items.filter((o) => !o.archived) ?? []).sort((x, y) => x.name.localeCompare(y.name, lang, { numeric: true }));
  const outletForm = useMutationForm(createOutlet, () => createOutlet.mutate({ name: outletName }));
  const workplaceForm = useMutationForm(createWorkplace, () =>
    createWorkplace.mutate({ name: wpName, outletGuid: wpOutlet || list[0]!.guid }),
  );
  // One alert at the top for the lists and both forms.
  const failure = outlets.error ?? workplaces.error ?? createOutlet.error ?? createWorkplace.error;
  return (
    <>
      <Alert>{failure ? errorText(failure, t, lang) : null}</Alert>
      {outlets.data && list.length === 0 ? <p>{t("wp.noOutlets")}</p> : null}
      {list.map((o) => {
        const items = (workplaces.data?.items.filter((w) => w.outletGuid === o.guid && !w.archived) ?? []).sort((x, y) =>
          x.name.localeCompare(y.name, lang, { numeric: true }),
        );
        return (
          <section key={o.guid} className="card outlet" aria-labelledby={`o-${o.guid}`}>
            <h2 id={`o-${o.guid}`}>{o.name}</h2>
            {items.length === 0 ? <p className="hint">{t("wp.empty")}</p> : null}
            <ul className="wp-list">
              {items.map((w) => (
                <li key={w.guid} data-workplace={w.name}>
                  <div>
                    <strong>{w.name}</strong> <span className={`badge badge-${w.status}`}>{t(`status.${w.status}`)}</span>
                    {w.status === "active" && w.activatedBy ? (
                      <div className="hint">
                        {t("wp.activatedBy", { name: w.activatedBy.displayName, date: fmtDate(w.activatedAt, lang) })}
                      </div>
                    ) : null}
                  </div>
                  <GenerateCodeDialog workplace={w} outlets={list} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <div className="card">
        <form {...outletForm.props} className="toolbar">
          <Field label={t("wp.newOutlet")} value={outletName} onChange={(e) => setOutletName(e.target.value)} required />
          <button type="submit" disabled={outletForm.pending}>
            {t("wp.addOutlet")}
          </button>
        </form>
        {list.length > 0 ? (
          <form {...workplaceForm.props} className="toolbar">
            <Field label={t("wp.newWorkplace")} value={wpName} onChange={(e) => setWpName(e.target.value)} required />
            <div className="field">
              <label htmlFor={outletSelect}>{t("wp.outlet")}</label>
              <select id={outletSelect} value={wpOutlet || list[0]!.guid} onChange={(e) => setWpOutlet(e.target.value)}>
                {list.map((o) => (
                  <option key={o.guid} value={o.guid}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={workplaceForm.pending}>
              {t("wp.addWorkplace")}
            </button>
          </form>
        ) : null}
      </div>
    </>
  );
}
