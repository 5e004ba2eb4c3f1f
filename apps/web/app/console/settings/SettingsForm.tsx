"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "@latchkey/api";
import { Alert, Check, Field } from "~/components/ui";
import type { MessageKey } from "~/lib/i18n";
import { useTRPC } from "~/lib/trpc";
import { useMutationForm } from "~/lib/useMutationForm";
import { useT } from "~/lib/useT";

type Settings = RouterOutputs["settings"]["get"];

/** The ranges of docs/SPEC.md §3, checked here before the server checks them again. */
const RANGES = {
  minLength: [8, 64, "settings.minLength"],
  maxLength: [8, 1024, "settings.maxLength"],
  history: [0, 24, "settings.history"],
  resetTtl: [5, 4320, "settings.resetTtl"],
  activationTtl: [5, 4320, "settings.activationTtl"],
  lockoutThreshold: [3, 100, "settings.lockoutThreshold"],
  lockoutWindow: [1, 1440, "settings.lockoutWindow"],
  lockoutDuration: [1, 1440, "settings.lockoutDuration"],
  tokenExpiry: [1, 3650, "settings.tokenExpiry"],
} as const satisfies Record<string, readonly [number, number, MessageKey]>;
type NumKey = keyof typeof RANGES;

/** `readOnly`: an admin reads the policies the owner sets. */
export function SettingsForm({ initial, readOnly = false }: { initial: Settings; readOnly?: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const p = initial.passwordPolicy;
  const [nums, setNums] = useState<Record<NumKey, string>>({
    minLength: String(p.minLength),
    maxLength: String(p.maxLength),
    history: String(p.history),
    resetTtl: String(Math.round(initial.resetCodeTtlSeconds / 60)),
    activationTtl: String(Math.round(initial.activationCodeTtlSeconds / 60)),
    lockoutThreshold: String(initial.lockout.threshold),
    lockoutWindow: String(Math.round(initial.lockout.windowSeconds / 60)),
    lockoutDuration: String(Math.round(initial.lockout.durationSeconds / 60)),
    tokenExpiry: String(initial.tokenExpiryDays),
  });
  const [flags, setFlags] = useState({
    requireUpper: p.requireUpper,
    requireLower: p.requireLower,
    requireDigit: p.requireDigit,
    requireSymbol: p.requireSymbol,
  });
  const [errors, setErrors] = useState<Partial<Record<NumKey, string>>>({});
  const save = useMutation(
    trpc.settings.update.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.settings.pathKey() }) }),
  );
  const form = useMutationForm(save, () => {
    const found: Partial<Record<NumKey, string>> = {};
    const v = {} as Record<NumKey, number>;
    for (const k of Object.keys(RANGES) as NumKey[]) {
      const [min, max, label] = RANGES[k];
      const n = Number(nums[k]);
      if (!Number.isInteger(n) || n < min || n > max) found[k] = t("settings.range", { field: t(label), min, max });
      v[k] = n;
    }
    if (!found.minLength && !found.maxLength && v.maxLength < v.minLength)
      found.maxLength = t("settings.range", { field: t("settings.maxLength"), min: v.minLength, max: 1024 });
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate({
      passwordPolicy: { minLength: v.minLength, maxLength: v.maxLength, history: v.history, ...flags },
      resetCodeTtlSeconds: v.resetTtl * 60,
      activationCodeTtlSeconds: v.activationTtl * 60,
      lockout: { threshold: v.lockoutThreshold, windowSeconds: v.lockoutWindow * 60, durationSeconds: v.lockoutDuration * 60 },
      tokenExpiryDays: v.tokenExpiry,
    });
  });
  const num = (k: NumKey) => (
    <Field
      className="field-number"
      label={t(RANGES[k][2])}
      type="number"
      inputMode="numeric"
      min={RANGES[k][0]}
      max={RANGES[k][1]}
      value={nums[k]}
      error={errors[k] ?? null}
      onChange={(e) => setNums({ ...nums, [k]: e.target.value })}
      required
    />
  );
  return (
    // noValidate: the ranges are checked above, with messages that name the field and its range.
    <form {...form.props} noValidate>
      <Alert>{form.error}</Alert>
      {save.isSuccess ? <Alert kind="ok">{t("common.saved")}</Alert> : null}
      {/* A disabled fieldset: every field of it is read-only at once. */}
      <fieldset className="plain" disabled={readOnly}>
        <fieldset className="card">
          <legend>{t("settings.policy")}</legend>
          {num("minLength")}
          {num("maxLength")}
          {num("history")}
          <Check
            label={t("settings.requireUpper")}
            checked={flags.requireUpper}
            onChange={(e) => setFlags({ ...flags, requireUpper: e.target.checked })}
          />
          <Check
            label={t("settings.requireLower")}
            checked={flags.requireLower}
            onChange={(e) => setFlags({ ...flags, requireLower: e.target.checked })}
          />
          <Check
            label={t("settings.requireDigit")}
            checked={flags.requireDigit}
            onChange={(e) => setFlags({ ...flags, requireDigit: e.target.checked })}
          />
          <Check
            label={t("settings.requireSymbol")}
            checked={flags.requireSymbol}
            onChange={(e) => setFlags({ ...flags, requireSymbol: e.target.checked })}
          />
        </fieldset>
        <fieldset className="card">
          <legend>{t("settings.codes")}</legend>
          {num("resetTtl")}
          {num("activationTtl")}
        </fieldset>
        <fieldset className="card">
          <legend>{t("settings.lockout")}</legend>
          <p className="hint">{t("settings.lockoutHint")}</p>
          {num("lockoutThreshold")}
          {num("lockoutWindow")}
          {num("lockoutDuration")}
        </fieldset>
        <fieldset className="card">
          <legend>{t("settings.tokens")}</legend>
          {num("tokenExpiry")}
        </fieldset>
        {readOnly ? null : (
          <button type="submit" className="primary" disabled={form.pending}>
            {t("common.save")}
          </button>
        )}
      </fieldset>
    </form>
  );
}
