import { listMailbox } from "../actions/mailbox/listMailbox";
import { listMailboxInput } from "../actions/mailbox/schemas";
import { orgAdminProcedure, router } from "../trpc";

/** `mailbox.*`: the developer mailbox of the organization acted in (messages of the `log` provider). */
export const mailboxRouter = router({
  list: orgAdminProcedure.input(listMailboxInput).query(({ ctx, input }) => listMailbox(ctx, input)),
});
