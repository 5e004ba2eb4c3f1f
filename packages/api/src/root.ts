// The whole typed API: small domain routers merged by namespace. Clients import only the type.
import { auditLog } from "./router/audit";
import { authSessions } from "./router/auth";
import { employeeRecords } from "./router/employees";
import { mySessions } from "./router/me";
import { organizationRecords } from "./router/orgs";
import { outletRecords } from "./router/outlets";
import { tokenRecords } from "./router/tokens";
import { workplaceRecords } from "./router/workplaces";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: router({ ...authSessions }),
  me: router({ ...mySessions }),
  organizations: router({ ...organizationRecords }),
  employees: router({ ...employeeRecords }),
  outlets: router({ ...outletRecords }),
  workplaces: router({ ...workplaceRecords }),
  tokens: router({ ...tokenRecords }),
  audit: router({ ...auditLog }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
