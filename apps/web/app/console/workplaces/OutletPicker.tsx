"use client";
// Picks any outlet of the organization, however many there are: type to search (outlets.list's
// `search`), choose among the matches, load more matches when a name is part of many others'.
// A search box beside a native <select>, like the employee picker: both are labelled and work
// from the keyboard without any script of ours.
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useAdoptDomValue } from "~/lib/hydration";
import { Button } from "~/components/ui";
import { errorText } from "~/lib/errors";
import { useTRPC, useTRPCClient } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

export interface OutletChoice {
  guid: string;
  name: string;
}

/** Matches per request; "More outlets" asks for the next ones. */
const OUTLETS_PER_REQUEST = 50;

/**
 * The state of one outlet picker. `initial` (the workplace's own outlet, say) is listed before
 * anything is typed even when it is not among the first matches. As with the employee picker,
 * what the select shows is what is submitted: when a search leaves the picked outlet out, the
 * first match is the choice. `outlet` is null until the matches of the current search are in,
 * so a quick submit never sends a match of the previous search.
 */
export function useOutletPicker(initial: OutletChoice | null = null, { enabled = true }: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const lang = useLang();
  const [filter, setFilter] = useState("");
  const [picked, setPicked] = useState<OutletChoice | null>(initial);
  const search = filter.trim();
  const input = { limit: OUTLETS_PER_REQUEST, ...(search ? { search } : {}) };
  // Not infiniteQueryOptions: it adds `direction` (and a null cursor) to the input, which the
  // strict input schemas refuse. The key stays under outlets.list, so invalidating outlets refreshes it.
  const q = useInfiniteQuery({
    queryKey: trpc.outlets.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.outlets.list.query({ ...input, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    placeholderData: keepPreviousData,
  });
  const matches = q.data?.pages.flatMap((p) => p.items) ?? [];
  const listed: OutletChoice[] = !search && picked && !matches.some((o) => o.guid === picked.guid) ? [picked, ...matches] : matches;
  // One list of every match loaded so far (the picker has no pages): numbers read as people number
  // their shops (9 before 10).
  const options = [...listed].sort((x, y) => x.name.localeCompare(y.name, lang, { numeric: true }));
  const shown = options.find((o) => o.guid === picked?.guid) ?? options[0] ?? null;
  const current = q.isSuccess && !q.isPlaceholderData;
  return {
    /** The outlet to submit, or null while there is none (no match, or the matches are loading). */
    outlet: current ? shown : null,
    props: {
      filter,
      onFilter: setFilter,
      options,
      value: shown?.guid ?? "",
      onPick: (guid: string) => setPicked(options.find((o) => o.guid === guid) ?? null),
      loading: q.isFetching,
      noMatch: current && options.length === 0,
      onMore: q.hasNextPage ? () => void q.fetchNextPage() : null,
      error: q.error,
    },
  };
}

export function OutletPicker({
  filter,
  onFilter,
  options,
  value,
  onPick,
  loading,
  noMatch,
  onMore,
  error,
}: ReturnType<typeof useOutletPicker>["props"]) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  useAdoptDomValue(searchRef, filter, (el) => onFilter(el.value));
  useAdoptDomValue(selectRef, value, (el) => onPick(el.value));
  const note = error ? errorText(error, t, lang) : noMatch ? t("wp.noOutletMatch") : null;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-search`}>{t("wp.findOutlet")}</label>
        <input
          ref={searchRef}
          id={`${id}-search`}
          type="search"
          value={filter}
          onChange={(e) => onFilter(e.target.value)}
          aria-controls={`${id}-outlet`}
          aria-describedby={note ? `${id}-note` : undefined}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-outlet`}>{t("wp.outlet")}</label>
        <select
          ref={selectRef}
          id={`${id}-outlet`}
          value={value}
          onChange={(e) => onPick(e.target.value)}
          aria-busy={loading}
          aria-describedby={note ? `${id}-note` : undefined}
          required
        >
          {options.map((o) => (
            <option key={o.guid} value={o.guid}>
              {o.name}
            </option>
          ))}
        </select>
        {note ? (
          <p className={error ? "field-error" : "hint"} id={`${id}-note`} role={error ? "alert" : "status"}>
            {note}
          </p>
        ) : null}
      </div>
      {onMore ? (
        <Button onClick={onMore} disabled={loading}>
          {t("wp.moreOutlets")}
        </Button>
      ) : null}
    </>
  );
}
