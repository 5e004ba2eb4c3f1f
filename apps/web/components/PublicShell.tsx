import Link from "next/link";
import type { ReactNode } from "react";
import { getT } from "~/lib/server";
import { LangSwitch } from "./LangSwitch";

/** The frame of the pages anyone can open: sign-in, reset, activation. */
export async function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  const t = await getT();
  return (
    <div className="public">
      <header className="public-head">
        <Link href="/" className="brand">
          {t("app.name")}
        </Link>
        <LangSwitch />
      </header>
      <main id="main" className="card narrow">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
