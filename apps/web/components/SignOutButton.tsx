"use client";
import { useMutation } from "@tanstack/react-query";
import { ORG_COOKIE } from "~/lib/orgCookie";
import { useTRPC, writeCookie } from "~/lib/trpc";
import { useT } from "~/lib/useT";
import { Button } from "./ui";

export function SignOutButton() {
  const t = useT();
  const trpc = useTRPC();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        writeCookie(ORG_COOKIE, null);
        window.location.assign("/sign-in");
      },
    }),
  );
  return (
    <Button className="link-button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      {t("common.signOut")}
    </Button>
  );
}
