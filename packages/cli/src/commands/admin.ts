// `admin recover`: a new password for the instance admin (created if the database has none).
import { DomainError, recoverInstanceAdmin } from "@latchkey/api";
import type { Command } from "../command";
import { str, UsageError } from "../command";

export const adminRecover: Command = {
  path: "admin recover",
  summary: "Give the instance admin a new password, unlock it and end its sessions (creates one if there is none).",
  options: {
    email: { type: "string", value: "<email>", description: "which instance admin (default: the only one)" },
    password: { type: "string", value: "<password>", description: "the new password (12+ characters; default: a generated one)" },
  },
  async run(ctx, v) {
    const email = str(v, "email")?.trim().toLowerCase();
    const password = str(v, "password");
    if (password !== undefined && [...password.normalize("NFKC")].length < 12)
      throw new UsageError("--password must be at least 12 characters");
    const result = await recoverInstanceAdmin(await ctx.services(), {
      ...(email !== undefined ? { email } : {}),
      ...(password !== undefined ? { password } : {}),
    });
    // recoverInstanceAdmin falls back to "ensure one exists" when no admin has that email, and
    // that changes nothing when another admin exists: say so instead of reporting success.
    if (!result.created && email !== undefined && result.email.toLowerCase() !== email)
      throw new DomainError("NotFound", `No instance admin has the email ${email}. Run without --email to recover the existing one.`);
    const lines = [
      result.created ? "No instance admin existed: one was created." : "The instance admin was recovered: unlocked, other sessions ended.",
      `  Email:    ${result.email}`,
      result.generatedPassword !== undefined
        ? `  Password: ${result.generatedPassword}\n  (shown once; the first sign-in with it must choose a new password)`
        : "  Password: the one given with --password",
    ];
    return {
      json: {
        email: result.email,
        created: result.created,
        ...(result.generatedPassword !== undefined ? { password: result.generatedPassword } : {}),
      },
      human: lines.join("\n"),
    };
  },
};
