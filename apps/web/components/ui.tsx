"use client";
import {
  useId,
  useRef,
  type ButtonHTMLAttributes,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
} from "react";
import { useAdoptDomValue, useHydrated } from "~/lib/hydration";

/** A change event for a value the visitor set before hydration (handlers read `target` only). */
const eventOf = <E extends HTMLInputElement | HTMLSelectElement>(el: E) => ({ target: el, currentTarget: el }) as ChangeEvent<E>;

export function Field({
  label,
  hint,
  error,
  className,
  ...input
}: { label: string; hint?: ReactNode; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  useAdoptDomValue(ref, String(input.value ?? ""), (el) => input.onChange?.(eventOf(el)));
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const described = [hint ? hintId : null, error ? errId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      <input ref={ref} id={id} aria-describedby={described} aria-invalid={error ? true : undefined} {...input} />
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Check({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  useAdoptDomValue(ref, Boolean(input.checked), (el) => input.onChange?.(eventOf(el)));
  return (
    <div className="check">
      <input ref={ref} id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A labelled native select; `onValue` gets the chosen option's value. */
export function Select({
  label,
  value,
  onValue,
  children,
  className,
  ...select
}: { label: string; value: string; onValue: (value: string) => void; children: ReactNode } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "value" | "onChange"
>) {
  const id = useId();
  const ref = useRef<HTMLSelectElement>(null);
  useAdoptDomValue(ref, value, (el) => onValue(el.value));
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      <select ref={ref} id={id} value={value} onChange={(e) => onValue(e.target.value)} {...select}>
        {children}
      </select>
    </div>
  );
}

/**
 * A button that works through script (not a form's submit): disabled until the page has
 * hydrated, since a click before that would be lost.
 */
export function Button({
  disabled,
  type = "button",
  ref,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { ref?: Ref<HTMLButtonElement> }) {
  const hydrated = useHydrated();
  return <button ref={ref} type={type} disabled={!hydrated || disabled} {...props} />;
}

export function Alert({ kind = "error", children }: { kind?: "error" | "ok" | "info"; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

export const fmtDate = (iso: string | null | undefined, lang: string) =>
  iso ? new Date(iso).toLocaleString(lang === "ru" ? "ru-RU" : "en-GB", { dateStyle: "medium", timeStyle: "short" }) : "—";
