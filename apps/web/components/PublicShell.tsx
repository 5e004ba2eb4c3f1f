import Link from "next/link";
import type { ReactNode } from "react";
import { getT } from "~/lib/server";
import { LangSwitch } from "./LangSwitch";

/** The frame of the pages anyone can open: sign-in, reset, activation. */
export async function PublicShell({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const t = await getT();
  return (
    <div className="public">
      <header className="public-head">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <LangSwitch />
      </header>
      <main id="main" className={wide ? "card wide" : "card narrow"}>
        <h1>{title}</h1>
        {children}
      </main>
      <footer className="public-foot">
        <Link href="/docs/api">{t("docs.title")}</Link>
      </footer>
    </div>
  );
}
