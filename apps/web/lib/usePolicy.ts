"use client";
import { useQuery } from "@tanstack/react-query";
import { DEFAULT_POLICY, type PasswordPolicy } from "~/components/PasswordField";
import { useTRPC } from "./trpc";

/** The organization's password policy as admins see it (defaults until it loads). */
export function usePolicy(): PasswordPolicy {
  const trpc = useTRPC();
  const q = useQuery(trpc.settings.get.queryOptions(undefined, { staleTime: 60_000 }));
  return q.data?.passwordPolicy ?? DEFAULT_POLICY;
}
