"use client";
// A new-password input with a strength meter (zxcvbn-ts, loaded on first use) and the policy
// stated before submit. The server's policy check is what counts; this only guides.
// `policy={null}` is for pages that cannot know the organization (the public /reset page): they
// state the rules in general instead of showing defaults the organization may have changed.
import { useEffect, useId, useRef, useState } from "react";
import type { RouterOutputs } from "@latchkey/api";
import { useAdoptDomValue } from "~/lib/hydration";
import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/useT";

/** An organization's password policy, as settings.get and auth.me report it. */
export type PasswordPolicy = RouterOutputs["settings"]["get"]["passwordPolicy"];
/** The defaults of docs/SPEC.md §3, shown until the organization's own policy has loaded. */
export const DEFAULT_POLICY: PasswordPolicy = {
  minLength: 12,
  maxLength: 128,
  history: 5,
  requireUpper: false,
  requireLower: false,
  requireDigit: false,
  requireSymbol: false,
};
const FLAGS = { requireUpper: "upper", requireLower: "lower", requireDigit: "digit", requireSymbol: "symbol" } as const;
/** docs/SPEC.md §3: no organization may set its minimum below 8, so shorter is too short everywhere. */
const LOWEST_MIN_LENGTH = 8;

type Scorer = (pw: string, userInputs: string[]) => number;
let scorer: Promise<Scorer> | null = null;
function loadScorer(): Promise<Scorer> {
  scorer ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(([core, common]) => {
    const z = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    return (pw, userInputs) => z.check(pw, userInputs).score;
  });
  return scorer;
}

function policyText(p: PasswordPolicy, t: ReturnType<typeof useT>): string {
  const flags = (Object.keys(FLAGS) as (keyof typeof FLAGS)[]).filter((f) => p[f]).map((f) => t(`pw.flag.${FLAGS[f]}` as MessageKey));
  return `${t("pw.policy", { min: p.minLength, max: p.maxLength, history: p.history })}${flags.length ? ` ${t("pw.policyFlags", { flags: flags.join(", ") })}` : ""}`;
}

export function PasswordField({
  label,
  value,
  onChange,
  policy = DEFAULT_POLICY,
  userInputs = [],
  name,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  policy?: PasswordPolicy | null;
  userInputs?: string[];
  name?: string;
}) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  useAdoptDomValue(ref, value, (el) => onChange(el.value));
  const [score, setScore] = useState<number | null>(null);
  useEffect(() => {
    if (!value) return;
    let live = true;
    void loadScorer().then((check) => {
      if (live) setScore(check(value, userInputs));
    });
    return () => {
      live = false;
    };
    // userInputs is a fresh array each render; the names in it do not change while typing.
  }, [value]);
  const length = [...value.normalize("NFKC")].length;
  const shown = value ? (score ?? 0) : null;
  const floor = policy?.minLength ?? LOWEST_MIN_LENGTH;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-policy`}>
        {policy ? policyText(policy, t) : t("pw.policyUnknown", { min: LOWEST_MIN_LENGTH })}
      </p>
      <input
        ref={ref}
        id={id}
        name={name}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-policy ${id}-meter`}
        required
      />
      <div className="meter" id={`${id}-meter`} aria-live="polite">
        <meter min={0} max={4} low={2} high={3} optimum={4} value={shown ?? 0} aria-label={t("pw.strength")} />
        <span>
          {shown === null
            ? " "
            : length < floor
              ? t(policy ? "pw.tooShort" : "pw.tooShortAnywhere", { count: length, min: floor })
              : `${t("pw.strength")}: ${t(`pw.strength.${shown}` as MessageKey)}`}
        </span>
      </div>
    </div>
  );
}
