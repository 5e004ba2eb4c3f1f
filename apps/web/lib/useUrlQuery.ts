"use client";
// Filters, search and the page of a list live in the address bar: a link shares them, a reload
// keeps them, back and forward step through them. Next keeps useSearchParams in step with the
// browser's own history calls, so changing them needs no server round trip.
import { useSearchParams } from "next/navigation";

/** "push" makes a history entry (a choice the visitor may want back), "replace" does not. */
export type HistoryMode = "push" | "replace";

/**
 * Next hears of history calls through its own pushState/replaceState, installed by an effect of
 * its router: the last effect of the commit that hydrates the page, after those of every
 * component inside it. A call before that would change the address behind the router's back
 * (useSearchParams would not follow, and the router would write its own address over it).
 */
const routerListens = () => !/\[native code\]/.test(Function.prototype.toString.call(window.history.pushState));
/** How many turns of the event loop a call waits for the router at most (it takes one or two). */
const ROUTER_WAIT_TURNS = 50;

/** Sets (or, for "" and undefined, removes) query parameters of the current address. */
export function updateUrlQuery(patch: Record<string, string | undefined>, how: HistoryMode = "push", waited = 0): void {
  if (!routerListens() && waited < ROUTER_WAIT_TURNS) {
    setTimeout(() => updateUrlQuery(patch, how, waited + 1), 0);
    return;
  }
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(patch)) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  if (url.href === window.location.href) return;
  // Read from window.location, not from a render's snapshot: two updates in one tick both count.
  window.history[how === "push" ? "pushState" : "replaceState"](null, "", `${url.pathname}${url.search}${url.hash}`);
}

/** The current values of `keys` ("" when absent). */
export function useUrlQuery<K extends string>(keys: readonly K[]): Record<K, string> {
  const params = useSearchParams();
  const values = {} as Record<K, string>;
  for (const key of keys) values[key] = params.get(key) ?? "";
  return values;
}

/** `value` when it is one of `allowed`, else undefined: an address is typed by anyone. */
export function oneOf<T extends string>(allowed: readonly T[], value: string): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
