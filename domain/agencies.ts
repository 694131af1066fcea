import { z } from 'zod';
import demoProvince from './demo-agencies.json';
import { AGENCY_IDENTIFIER_PATTERN } from './dossier-code';

/**
 * The province's agencies. `code` is the short handle used in procedures, user names (`land.specialist`)
 * and the API; `identifier` is the national electronic identifier of the agency (QCVN shape) that prefixes
 * dossier codes (Decree 118 Art. 28). A deployment names its own in a file (docs/agencies.md); the
 * embedded demo uses `DEMO_AGENCIES`.
 */
export const AgencySchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'a lower-case handle such as land or ubnd-phuoc-hoa'),
    identifier: z.string().regex(AGENCY_IDENTIFIER_PATTERN, 'a national identifier such as 000.00.10.H56'),
    name: z.string().trim().min(1).max(200),
    /** A one-stop desk receives and returns; a competent agency decides; a commune does both. */
    kind: z.enum(['one_stop', 'competent', 'both']),
    level: z.enum(['province', 'commune']),
    /** Where staff alerts for the agency go; kept as they are in the database when left out. */
    email: z.email().optional(),
    phone: z
      .string()
      .regex(/^\+?\d{8,15}$/)
      .optional(),
  })
  .strict();

export type Agency = z.infer<typeof AgencySchema>;
export type AgencyKind = Agency['kind'];

/** A whole directory: unique handles and identifiers, and at least one desk to receive dossiers. */
export const AgencyDirectorySchema = z
  .array(AgencySchema)
  .min(1)
  .superRefine((agencies, ctx) => {
    for (const key of ['code', 'identifier'] as const) {
      const seen = new Set<string>();
      agencies.forEach((agency, index) => {
        if (seen.has(agency[key])) {
          ctx.addIssue({ code: 'custom', path: [index, key], message: `${agency[key]} appears twice` });
        }
        seen.add(agency[key]);
      });
    }
    if (agencies.every((agency) => agency.kind === 'competent')) {
      ctx.addIssue({ code: 'custom', path: [], message: 'no one-stop desk: no agency can receive dossiers' });
    }
  });

/**
 * The invented demo province of the embedded default, in the very file format a deployment writes
 * (docs/agencies.md), so it doubles as the example.
 */
export const DEMO_AGENCIES: readonly Agency[] = AgencyDirectorySchema.parse(demoProvince.agencies);
