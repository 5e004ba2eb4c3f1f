// Inputs and outputs of every password operation (docs/SPEC.md §2). The REST adapters decode
// into these and OpenAPI is generated from them, so each shape is written once, here.
import { z } from "zod";
import type { Employee } from "@latchkey/db";
import { alias, email, guid, iso } from "../../fields";
import { resetLinkTemplateProblem } from "../../lib/delivery/templates";

/** A new password as typed: the policy (lib/passwordPolicy) judges it, this only bounds it. */
export const newPassword = z.string().min(1, { message: "must not be empty" }).max(1024, { message: "is too long" });
export const resetCode = z.string().regex(/^\d{8}$/, { message: "must be 8 digits" });

/** What every change of an employee reports (ZITADEL's `details`). */
export const changeDetails = (e: Employee) => ({
  guid: e.guid,
  orgGuid: e.orgGuid,
  sequence: e.sequence,
  createdAt: iso(e.createdAt)!,
  updatedAt: iso(e.updatedAt)!,
});
export type ChangeDetails = ReturnType<typeof changeDetails>;

// employees.resetPassword: the LIFE POS reset; SMS when a phone is on file, else email.
export const resetPasswordInput = z.strictObject({ guid });
// employees.adminResetByEmail: the F5 XC admin reset; delivery by email.
export const adminResetByEmailInput = z.strictObject({ email });
/** ZITADEL's `sendLink.urlTemplate`: 1-200 characters, its placeholders only, an http(s) URL once filled. */
export const resetLinkTemplate = z
  .string()
  .refine((s) => [...s].length >= 1 && [...s].length <= 200, { message: "must be 1 to 200 characters" })
  .superRefine((s, ctx) => {
    const problem = resetLinkTemplateProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
// employees.requestPasswordReset: ZITADEL v2 password_reset; send by a chosen channel or return the code.
export const requestPasswordResetInput = z
  .strictObject({
    guid,
    delivery: z.enum(["sms", "email", "return"]),
    /** The link the message carries instead of this installation's /reset page. */
    urlTemplate: resetLinkTemplate.optional(),
  })
  .refine((i) => i.urlTemplate === undefined || i.delivery !== "return", {
    message: "a link template needs a message to go in (delivery sms or email)",
    path: ["urlTemplate"],
  });
/** `code` is present only when the caller asked for it (delivery "return"). */
export type ResetPasswordOutput = { employee: ChangeDetails; channel: "sms" | "email" | null; code?: string };

// employees.setPassword: the ZITADEL v1/v2 admin set; change required at next sign-in unless said otherwise.
export const setPasswordInput = z.strictObject({ guid, password: newPassword, changeRequired: z.boolean().default(true) });
// employees.changePassword: the legacy Expenses ChangePassword, by integer id.
export const changePasswordInput = z.strictObject({ id: z.number().int().positive(), password: newPassword });
// employees.changePasswordWithCurrent: ZITADEL v2 with currentPassword (self-service, any caller who knows it).
export const changePasswordWithCurrentInput = z.strictObject({
  guid,
  currentPassword: z.string().min(1).max(4096),
  password: newPassword,
  changeRequired: z.boolean().default(false),
});
// employees.completePasswordReset: ZITADEL v2 with verificationCode, by a token of the organization.
export const completeResetByGuidInput = z.strictObject({
  guid,
  code: resetCode,
  password: newPassword,
  changeRequired: z.boolean().default(false),
});
// me.changePassword: the signed-in employee, with the current password.
export const changeMyPasswordInput = z.strictObject({ currentPassword: z.string().min(1).max(4096), newPassword });
// auth.completePasswordReset: the public /reset page (login + code + new password).
export const completePasswordResetInput = z.strictObject({
  login: z.string().trim().min(1).max(254),
  organization: alias.optional(),
  code: resetCode,
  newPassword,
});
export type PasswordChangeOutput = { employee: ChangeDetails };
