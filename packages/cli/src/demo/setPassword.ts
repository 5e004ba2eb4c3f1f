// Sets a demo person's password through employees.setPassword (changeRequired false), the
// same procedure the admin console and the ZITADEL adapter call.
import { appRouter } from "@latchkey/api";
import type { Caller } from "../runtime";

interface SetPasswordInput {
  guid: string;
  password: string;
  changeRequired: boolean;
}

/** employees.setPassword arrives in a parallel change; until it is in root.ts the demo says so. */
export function canSetPasswords(): boolean {
  return "employees.setPassword" in appRouter._def.procedures;
}

export async function setPassword(caller: Caller, input: SetPasswordInput): Promise<void> {
  // Typed loosely until the procedure is merged into the router (then this cast can go).
  await (caller.employees as unknown as { setPassword(i: SetPasswordInput): Promise<unknown> }).setPassword(input);
}
