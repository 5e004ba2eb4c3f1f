import { getT } from "~/lib/server";
import { Mailbox } from "./Mailbox";

export const metadata = { title: "Mailbox · Latchkey" };

export default async function MailboxPage() {
  const t = await getT();
  return (
    <>
      <h1>{t("mailbox.title")}</h1>
      <p className="hint">{t("mailbox.intro")}</p>
      <Mailbox />
    </>
  );
}
