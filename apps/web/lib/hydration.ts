"use client";
// What a visitor does before React has hydrated the page must not be lost or undone:
// - while hydrating, React leaves the values of inputs and selects as the visitor left them but
//   keeps its own (server-rendered) state, and the next render writes that state back over them;
//   `useAdoptDomValue` takes such a value into the state right after hydration, before any render;
// - a button that needs script does nothing when clicked before hydration: it is disabled until
//   then (`useHydrated`), so the page never looks ready when it is not.
import { useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from "react";

const noSubscription = () => () => {};

/** False during the server render and hydration, true from the first render after it. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The value a control shows (a checkbox's as "true"/"false"). */
function domValueOf(el: Control): string {
  return el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") ? String(el.checked) : el.value;
}

/**
 * Once, right after hydration: when the control shows something other than `value` (the
 * visitor changed it before the page was interactive), `adopt` is called with the control so the
 * state takes the visitor's value. Runs in a layout effect: before React renders the state again.
 */
export function useAdoptDomValue<E extends Control>(ref: RefObject<E | null>, value: string | boolean, adopt: (el: E) => void): void {
  const first = useRef({ value, adopt });
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && domValueOf(el) !== String(first.current.value)) first.current.adopt(el);
  }, [ref]);
}
