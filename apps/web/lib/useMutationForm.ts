"use client";
// The submit / pending / error shape every form of the app shares, so each form only says what it
// sends and lays out its fields.
import type { FormEvent } from "react";
import { errorText } from "./errors";
import { useHydrated } from "./hydration";
import { useLang, useT } from "./useT";

/**
 * Wires a form to one mutation (a TanStack Query mutation result, or anything with its `error` and
 * `isPending`). `submit` runs instead of the browser's own submission.
 */
export function useMutationForm(
  mutation: { error: unknown; isPending: boolean },
  submit: () => void,
): {
  /** Spread on the <form>. */
  props: { method: "post"; onSubmit: (e: FormEvent<HTMLFormElement>) => void };
  /** The refusal to show in the form's <Alert>, localized; null while there is none. */
  error: string | null;
  /**
   * True while the mutation runs (the submit button is disabled so a double click sends once),
   * and before hydration: a submission then would be the browser's own, not the mutation.
   */
  pending: boolean;
} {
  const t = useT();
  const lang = useLang();
  const hydrated = useHydrated();
  return {
    props: {
      // POST even before hydration: a native submission must never put a password or code in a URL.
      method: "post",
      onSubmit: (e) => {
        e.preventDefault();
        submit();
      },
    },
    error: mutation.error ? errorText(mutation.error, t, lang) : null,
    pending: mutation.isPending || !hydrated,
  };
}
