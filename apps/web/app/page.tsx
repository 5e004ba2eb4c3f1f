import { redirect } from "next/navigation";
import { getMe, homeOf } from "~/lib/server";

export default async function Home() {
  const me = await getMe();
  redirect(me ? homeOf(me) : "/sign-in");
}
