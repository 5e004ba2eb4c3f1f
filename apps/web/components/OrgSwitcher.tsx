"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { ORG_COOKIE } from "~/lib/orgCookie";
import { writeCookie } from "~/lib/trpc";
import { useT } from "~/lib/useT";

/** Instance admins only: which organization the console acts in (cookie -> x-latchkey-org). */
export function OrgSwitcher({ orgs, current }: { orgs: { guid: string; name: string; alias: string }[]; current: string | null }) {
  const t = useT();
  const id = useId();
  const router = useRouter();
  const qc = useQueryClient();
  return (
    <div className="inline-field">
      <label htmlFor={id}>{t("org.switch")}</label>
      <select
        id={id}
        value={current ?? ""}
        onChange={(e) => {
          writeCookie(ORG_COOKIE, e.target.value);
          qc.clear();
          router.refresh();
        }}
      >
        {orgs.map((o) => (
          <option key={o.guid} value={o.guid}>
            {o.name} ({o.alias})
          </option>
        ))}
      </select>
    </div>
  );
}
