"use client";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useHydrated } from "~/lib/hydration";
import { LANG_COOKIE } from "~/lib/i18n";
import { writeCookie } from "~/lib/trpc";
import { useLang, useT } from "~/lib/useT";

export function LangSwitch() {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const id = useId();
  // A choice made before hydration would be shown but not applied: wait for the script.
  const hydrated = useHydrated();
  return (
    <div className="inline-field">
      <label htmlFor={id}>{t("lang.label")}</label>
      <select
        id={id}
        value={lang}
        disabled={!hydrated}
        onChange={(e) => {
          writeCookie(LANG_COOKIE, e.target.value);
          router.refresh();
        }}
      >
        <option value="en">English</option>
        <option value="ru">Русский</option>
      </select>
    </div>
  );
}
