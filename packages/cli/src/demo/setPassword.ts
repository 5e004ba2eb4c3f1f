// Sets a demo person's password through employees.setPassword with changeRequired false, the
// same procedure the admin console and the ZITADEL adapter call, so the policy applies too.
import type { Caller } from "../runtime";

export async function setPassword(caller: Caller, input: { guid: string; password: string }): Promise<void> {
  await caller.employees.setPassword({ guid: input.guid, password: input.password, changeRequired: false });
}
