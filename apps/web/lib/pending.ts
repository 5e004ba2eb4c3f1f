"use client";
// Procedures other helpers are landing now, called by path with the inputs fixed in
// packages/api/src/schemas/credentials.ts. Once AppRouter has them, pages can switch to useTRPC().
import { createContext, useContext } from "react";
import type { makeUntypedClient } from "./trpc";

export interface PendingProcedures {
  "employees.resetPassword": { input: { guid: string }; output: { channel: "sms" | "email" | null } };
  "employees.setPassword": { input: { guid: string; password: string; changeRequired: boolean }; output: unknown };
  "me.changePassword": { input: { currentPassword: string; newPassword: string }; output: unknown };
  "auth.completePasswordReset": {
    input: { login: string; organization?: string; code: string; newPassword: string };
    output: unknown;
  };
  "workplaces.generateActivationCode": {
    input: { guid: string; employeeGuid: string; outletGuid?: string; sendSms: boolean };
    output: { code: string; expiresAt: string; workplaceGuid: string; employeeGuid: string; smsQueued: boolean };
  };
  "auth.activateWorkplace": {
    input: { code: string };
    output: {
      workplace: { guid: string; name: string; status: "active"; activatedAt: string };
      organization: { guid: string; alias: string; name: string };
      outlet: { guid: string; name: string };
      employee: { guid: string; id: number; displayName: string };
    };
  };
  "settings.get": { input: undefined; output: Record<string, unknown> };
  "settings.update": { input: Record<string, unknown>; output: Record<string, unknown> };
  "mailbox.list": { input: Record<string, unknown> | undefined; output: unknown };
}
export type PendingPath = keyof PendingProcedures;

export const UntypedContext = createContext<ReturnType<typeof makeUntypedClient> | null>(null);

export function usePending() {
  const client = useContext(UntypedContext);
  if (!client) throw new Error("usePending outside Providers");
  return {
    query<P extends PendingPath>(path: P, input?: PendingProcedures[P]["input"]): Promise<PendingProcedures[P]["output"]> {
      return client.query(path, input) as Promise<PendingProcedures[P]["output"]>;
    },
    mutate<P extends PendingPath>(path: P, input: PendingProcedures[P]["input"]): Promise<PendingProcedures[P]["output"]> {
      return client.mutation(path, input) as Promise<PendingProcedures[P]["output"]>;
    },
  };
}
