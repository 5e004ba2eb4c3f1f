import { getT } from "~/lib/server";
import { AuditLog } from "./AuditLog";

export const metadata = { title: "Audit log · Latchkey" };

export default async function AuditPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <AuditLog />
    </>
  );
}
