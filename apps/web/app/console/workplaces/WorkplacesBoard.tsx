"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { cursorStack, KeysetPager } from "~/components/KeysetPager";
import { Alert, Field } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useLang, useT } from "~/lib/useT";
import { OutletPicker, useOutletPicker } from "./OutletPicker";
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
  const pages = cursorStack(cursors, setCursors);
  const cursor = pages.cursor;
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
  const createWorkplace = useMutation(trpc.workplaces.create.mutationOptions({ onSuccess: () => (setWpName(""), refresh()) }));
  // In the server's order (name, then guid) so pages read as one list; archived outlets never come.
  const list = outlets.data?.items ?? [];
  const paged = cursors.length > 1 || Boolean(outlets.data?.nextCursor);
  const hasOutlets = list.length > 0 || paged;
  // The new workplace's outlet may be on any page of outlets: the picker searches them all.
  const picker = useOutletPicker(null, { enabled: hasOutlets });
  const outletForm = useMutationForm(createOutlet, () => createOutlet.mutate({ name: outletName }));
  const workplaceForm = useMutationForm(createWorkplace, () => {
    if (picker.outlet) createWorkplace.mutate({ name: wpName, outletGuid: picker.outlet.guid });
  });
  // One alert at the top for the outlet list and both forms; each card shows its own workplaces' errors.
  const failure = outlets.error ?? createOutlet.error ?? createWorkplace.error;
  return (
    <>
      <Alert>{failure ? errorText(failure, t, lang) : null}</Alert>
      {outlets.data && list.length === 0 && !paged ? <p>{t("wp.noOutlets")}</p> : null}
      {list.map((o) => (
        <OutletWorkplaces key={o.guid} outlet={o} />
      ))}
      {paged ? (
        <KeysetPager
          onFirstPage={pages.onFirstPage}
          onPage={pages.onPage}
          nextCursor={outlets.data?.nextCursor}
          label={t("wp.outletPages")}
        />
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
        {hasOutlets ? (
          <form {...workplaceForm.props} className="toolbar">
            <Field label={t("wp.newWorkplace")} value={wpName} onChange={(e) => setWpName(e.target.value)} required />
            <OutletPicker {...picker.props} />
            <button type="submit" disabled={workplaceForm.pending || !picker.outlet}>
              {t("wp.addWorkplace")}
            </button>
          </form>
        ) : null}
      </div>
    </>
  );
}
