import { z } from "zod";
import { page } from "../../fields";

export const listMailboxInput = z.strictObject({
  channel: z.enum(["sms", "email"]).optional(),
  ...page,
});
