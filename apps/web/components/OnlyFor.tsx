import Link from "next/link";
import { getT } from "~/lib/server";

/** A page the signed-in caller may not use: who may, and where to go instead. */
export async function OnlyFor({ who, back }: { who: "admins" | "instanceAdmins"; back: { href: string; label: string } }) {
  const t = await getT();
  return (
    <>
      <h1>{t(`onlyFor.${who}.title`)}</h1>
      <div className="card">
        <p>{t(`onlyFor.${who}.body`)}</p>
        <p>
          <Link href={back.href}>{back.label}</Link>
        </p>
      </div>
    </>
  );
}
