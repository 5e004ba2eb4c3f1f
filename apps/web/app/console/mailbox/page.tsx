import { getT, titled } from "~/lib/server";
import { Mailbox } from "./Mailbox";

export const generateMetadata = () => titled("mailbox.title");

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
