// Inputs and outputs of issuing and redeeming a workplace activation code. The REST adapters
// decode into these and OpenAPI is generated from them.
import { z } from "zod";
import { guid } from "../../fields";

export const activationCode = z.string().regex(/^\d{1,8}$/, { message: "must be at most 8 digits" });

// workplaces.generateActivationCode
export const generateActivationCodeInput = z.strictObject({
  guid,
  employeeGuid: guid,
  outletGuid: guid.optional(),
  sendSms: z.boolean().default(false),
});
export type GenerateActivationCodeOutput = {
  code: string;
  expiresAt: string;
  workplaceGuid: string;
  employeeGuid: string;
  smsQueued: boolean;
};

// auth.activateWorkplace
export const activateWorkplaceInput = z.strictObject({ code: activationCode });
export type ActivateWorkplaceOutput = {
  workplace: { guid: string; name: string; status: "active"; activatedAt: string };
  organization: { guid: string; alias: string; name: string };
  outlet: { guid: string; name: string };
  employee: { guid: string; id: number; displayName: string };
};
