import { z } from "zod";
import { alias } from "../../fields";

export const signInInput = z.strictObject({
  /** Email or username. */
  login: z.string().trim().min(1, { message: "must not be empty" }).max(254),
  password: z.string().min(1, { message: "must not be empty" }).max(4096),
  /** Needed only when the same login exists in several organizations. */
  organization: alias.optional(),
});
