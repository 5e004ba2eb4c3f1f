"use client";
// The search box and filter selects above a list, kept in the address (useUrlQuery). The
// controls are uncontrolled: the browser owns what they show, so nothing a visitor chose can be
// written over by a render, and a form of named fields still works before the page hydrates
// (Enter submits it as a GET). After hydration, what was chosen before is taken into the address.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from "react";
import { updateUrlQuery, type HistoryMode } from "~/lib/useUrlQuery";

export interface FilterSelect {
  /** The query parameter, also the select's name. */
  key: string;
  label: string;
  options: { value: string; label: string }[];
}

/** Typing pauses this long before the list follows. */
const SEARCH_DELAY_MS = 300;

export function FilterBar({
  search,
  selects,
  values,
  pageKey,
  label,
  children,
}: {
  search: { key: string; label: string; placeholder?: string };
  selects: FilterSelect[];
  /** The address's current values of the search and select keys. */
  values: Record<string, string>;
  /** The parameter of the list's page: any change of filter goes back to the first page. */
  pageKey: string;
  /** Names the search landmark. */
  label: string;
  /** Beside the filters (a "New …" button). */
  children?: ReactNode;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const urlSearch = values[search.key] ?? "";
  // The search text last written to the address: the address following our own typing is no
  // reason to touch the box (the visitor may have typed on since).
  const committed = useRef(urlSearch);
  const typing = useRef<{ timer?: ReturnType<typeof setTimeout>; entryMade: boolean }>({ entryMade: false });

  const apply = (patch: Record<string, string>, how: HistoryMode) => updateUrlQuery({ ...patch, [pageKey]: undefined }, how);
  const selectOf = (key: string) => formRef.current?.elements.namedItem(key) as HTMLSelectElement | null;

  const commitSearch = () => {
    clearTimeout(typing.current.timer);
    const q = searchRef.current?.value.trim() ?? "";
    if (q === committed.current) return;
    committed.current = q;
    // One history entry per burst of typing, not one per pause.
    apply({ [search.key]: q }, typing.current.entryMade ? "replace" : "push");
    typing.current.entryMade = true;
  };

  // Right after hydration: anything chosen or typed before it goes into the address.
  useLayoutEffect(() => {
    const patch: Record<string, string> = {};
    const typed = searchRef.current?.value.trim() ?? "";
    if (typed !== committed.current) {
      patch[search.key] = typed;
      committed.current = typed;
    }
    for (const s of selects) {
      const el = selectOf(s.key);
      if (el && el.value !== (values[s.key] ?? "")) patch[s.key] = el.value;
    }
    if (Object.keys(patch).length > 0) apply(patch, "replace");
    // Once, at hydration; later changes arrive through the handlers below.
  }, []);

  // The address changed from outside (back, forward, a link): the controls show it. Not at
  // hydration: then the controls are what the visitor left them, and the address follows them.
  const selectValues = selects.map((s) => values[s.key] ?? "").join("\u0000");
  const hydrating = useRef(true);
  useEffect(() => {
    if (hydrating.current) {
      hydrating.current = false;
      return;
    }
    if (urlSearch !== committed.current && searchRef.current) {
      clearTimeout(typing.current.timer);
      searchRef.current.value = urlSearch;
      committed.current = urlSearch;
    }
    for (const s of selects) {
      const el = selectOf(s.key);
      const want = values[s.key] ?? "";
      if (el && el.value !== want) el.value = s.options.some((o) => o.value === want) ? want : "";
    }
    typing.current.entryMade = false;
    // selectValues stands for the select values.
  }, [urlSearch, selectValues]);

  useEffect(() => () => clearTimeout(typing.current.timer), []);

  return (
    <div className="toolbar">
      <form
        ref={formRef}
        className="filters"
        role="search"
        aria-label={label}
        method="get"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          commitSearch();
        }}
      >
        <div className="field filter-search">
          <label htmlFor={`${id}-q`}>{search.label}</label>
          <input
            ref={searchRef}
            id={`${id}-q`}
            name={search.key}
            type="search"
            placeholder={search.placeholder}
            defaultValue={urlSearch}
            onChange={() => {
              clearTimeout(typing.current.timer);
              typing.current.timer = setTimeout(commitSearch, SEARCH_DELAY_MS);
            }}
            onBlur={() => {
              commitSearch();
              typing.current.entryMade = false;
            }}
          />
        </div>
        {selects.map((s) => (
          <div className="field" key={s.key}>
            <label htmlFor={`${id}-${s.key}`}>{s.label}</label>
            <select
              id={`${id}-${s.key}`}
              name={s.key}
              defaultValue={values[s.key] ?? ""}
              onChange={(e) => {
                typing.current.entryMade = false;
                apply({ [s.key]: e.target.value }, "push");
              }}
            >
              {s.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
      </form>
      {children ? <div className="toolbar-extra">{children}</div> : null}
    </div>
  );
}
