import { listMailbox, listMailboxInput } from "../actions/mailbox/listMailbox";
import { orgAdminProcedure } from "../trpc";

/** The developer mailbox of the organization acted in (messages of the `log` provider). */
export const mailboxMessages = {
  list: orgAdminProcedure.input(listMailboxInput).query(({ ctx, input }) => listMailbox(ctx, input)),
};
