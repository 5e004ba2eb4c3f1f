import { getT, titled } from "~/lib/server";
import { AuditLog } from "./AuditLog";

export const generateMetadata = () => titled("audit.title");

export default async function AuditPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <AuditLog />
    </>
  );
}
