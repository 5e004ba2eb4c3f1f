// ZITADEL's `details` object: sequence as a decimal string, RFC 3339 UTC dates, the org as owner.
import { z } from "zod";
import type { passwordSchemas } from "@latchkey/api";

type Details = passwordSchemas.ChangeDetails;
const rfc3339 = (iso: string) => new Date(iso).toISOString();

export const zitadelDetailsV1 = {
  schema: z
    .object({ sequence: z.string(), creationDate: z.string(), changeDate: z.string(), resourceOwner: z.string() })
    .meta({ id: "ZitadelDetailsV1" }),
  // creationDate is the object's first event (the employee's creation), changeDate this change.
  encode: (e: Details) => ({
    sequence: String(e.sequence),
    creationDate: rfc3339(e.createdAt),
    changeDate: rfc3339(e.updatedAt),
    resourceOwner: e.orgGuid,
  }),
};

export const zitadelDetailsV2 = {
  schema: z.object({ sequence: z.string(), changeDate: z.string(), resourceOwner: z.string() }).meta({ id: "ZitadelDetailsV2" }),
  encode: (e: Details) => ({ sequence: String(e.sequence), changeDate: rfc3339(e.updatedAt), resourceOwner: e.orgGuid }),
};

export const zitadelDetails = (d: { schema: z.ZodObject }) => z.object({ details: d.schema });
