// The whole typed API: one router per namespace (router/<namespace>.ts), merged here. Clients import only the type.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { auditRouter } from "./router/audit";
import { authRouter } from "./router/auth";
import { employeesRouter } from "./router/employees";
import { mailboxRouter } from "./router/mailbox";
import { meRouter } from "./router/me";
import { organizationsRouter } from "./router/organizations";
import { outletsRouter } from "./router/outlets";
import { settingsRouter } from "./router/settings";
import { tokensRouter } from "./router/tokens";
import { workplacesRouter } from "./router/workplaces";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  organizations: organizationsRouter,
  employees: employeesRouter,
  outlets: outletsRouter,
  workplaces: workplacesRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  mailbox: mailboxRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
/** The input of every procedure, by path: `RouterInputs["employees"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** The result of every procedure, by path: `RouterOutputs["settings"]["get"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
