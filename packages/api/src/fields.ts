// Field schemas every domain's inputs share (and, through them, the REST adapters and OpenAPI),
// the paging fields of every list, and the ISO form in which views report stored times.
import { z } from "zod";

export const guid = z.uuid({ message: "must be a UUID" });
/** The shape of a guid (any UUID version), for ids read outside a schema: paths, headers, CLI arguments. */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
export const email = z
  .email({ message: "must be an email address" })
  .max(254)
  .transform((v) => v.toLowerCase());
export const phone = z.string().regex(/^\+[1-9]\d{6,14}$/, { message: "must be a phone number in E.164 form, like +79161234567" });
export const username = z
  .string()
  .regex(/^[A-Za-z0-9._-]{3,64}$/, { message: "must be 3-64 letters, digits, dots, dashes or underscores" })
  .transform((v) => v.toLowerCase());
export const displayName = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(200)
  // C0/C1 controls and the Unicode line/paragraph separators: names reach email headers and CSV.
  .refine((v) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v), { message: "must not contain control characters or line breaks" })
  // Bidirectional controls (marks, embeddings, overrides, isolates) make a name read differently
  // from what it is, in the console, in audit logs and in messages: "Bob\u202Egnp.exe".
  .refine((v) => !/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(v), {
    message: "must not contain bidirectional control characters",
  });
export const alias = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: "must be 1-63 lower-case letters, digits or dashes" });

/** Keyset pagination: `cursor` is the `nextCursor` of the previous page (opaque: a list says what it holds). */
export const page = {
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
};

/** Archived outlets and workplaces stay out of lists unless asked for, so a page holds `limit` usable rows. */
export const includeArchived = z.boolean().default(false);

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
