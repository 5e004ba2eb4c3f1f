"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { KeysetPager } from "~/components/KeysetPager";
import { Alert, Field } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useLang, useT } from "~/lib/useT";
import { OutletWorkplaces } from "./OutletWorkplaces";

/** Outlets per page; each outlet's card pages its own workplaces. */
const OUTLETS_PER_PAGE = 20;

/** Workplaces grouped by outlet, both paged (keyset) so an organization of any size is reachable. */
export function WorkplacesBoard() {
  const t = useT();
  const lang = useLang();
  const trpc = useTRPC();
  const qc = useQueryClient();
  // Cursors of the outlet pages seen so far: the last one is the page shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const outlets = useQuery(
    trpc.outlets.list.queryOptions({ limit: OUTLETS_PER_PAGE, ...(cursor ? { cursor } : {}) }, { placeholderData: keepPreviousData }),
  );
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
  const paged = cursors.length > 1 || Boolean(outlets.data?.nextCursor);
  // The outlet picked earlier may be on another page now: fall back to this page's first.
  const targetOutlet = list.some((o) => o.guid === wpOutlet) ? wpOutlet : (list[0]?.guid ?? "");
  const outletForm = useMutationForm(createOutlet, () => createOutlet.mutate({ name: outletName }));
  const workplaceForm = useMutationForm(createWorkplace, () => createWorkplace.mutate({ name: wpName, outletGuid: targetOutlet }));
  // One alert at the top for the outlet list and both forms; each card shows its own workplaces' errors.
  const failure = outlets.error ?? createOutlet.error ?? createWorkplace.error;
  return (
    <>
      <Alert>{failure ? errorText(failure, t, lang) : null}</Alert>
      {outlets.data && list.length === 0 && !paged ? <p>{t("wp.noOutlets")}</p> : null}
      {list.map((o) => (
        <OutletWorkplaces key={o.guid} outlet={o} outlets={list} />
      ))}
      {paged ? (
        <KeysetPager cursors={cursors} nextCursor={outlets.data?.nextCursor} onChange={setCursors} label={t("wp.outletPages")} />
      ) : null}
      <div className="card">
        {/* What was added may land on another page (pages follow the server's order): say it was added. */}
        {createOutlet.data ? <Alert kind="ok">{t("wp.outletAdded", { name: createOutlet.data.name })}</Alert> : null}
        {createWorkplace.data ? <Alert kind="ok">{t("wp.workplaceAdded", { name: createWorkplace.data.name })}</Alert> : null}
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
              <select id={outletSelect} value={targetOutlet} onChange={(e) => setWpOutlet(e.target.value)}>
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
