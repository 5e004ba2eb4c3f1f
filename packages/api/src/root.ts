// The whole typed API: small domain routers merged by namespace. Clients import only the type.
import { activationAuth, workplaceActivationCodes } from "./router/activationCodes";
import { auditLog } from "./router/audit";
import { authSessions } from "./router/auth";
import { employeeRecords } from "./router/employees";
import { employeePasswords } from "./router/employeePasswords";
import { mailboxMessages } from "./router/mailbox";
import { mySessions } from "./router/me";
import { organizationRecords } from "./router/orgs";
import { outletRecords } from "./router/outlets";
import { myPassword, passwordResetAuth } from "./router/passwordSelfService";
import { organizationSettings } from "./router/settings";
import { tokenRecords } from "./router/tokens";
import { workplaceRecords } from "./router/workplaces";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: router({ ...authSessions, ...activationAuth, ...passwordResetAuth }),
  me: router({ ...mySessions, ...myPassword }),
  organizations: router({ ...organizationRecords }),
  employees: router({ ...employeeRecords, ...employeePasswords }),
  outlets: router({ ...outletRecords }),
  workplaces: router({ ...workplaceRecords, ...workplaceActivationCodes }),
  tokens: router({ ...tokenRecords }),
  audit: router({ ...auditLog }),
  mailbox: router({ ...mailboxMessages }),
  settings: router({ ...organizationSettings }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
