/**
 * A notification as the state machine emits it and the notify activity receives it: declared once, as
 * a schema, so the activity can check what a workflow history hands it.
 */
import { z } from 'zod';
import { StaffRoleSchema } from '../vocabulary';
import { OCCASIONS } from './occasions';

export const AudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('citizen') }),
  z.object({ kind: z.literal('staff'), agencyCode: z.string().min(1), roles: z.array(StaffRoleSchema) }),
]);
export type Audience = z.infer<typeof AudienceSchema>;

export const NotificationSchema = z.object({
  occasion: z.enum(OCCASIONS),
  /** Tells repeats of one occasion apart (e.g. 'step-2:T-1'), so each occurrence is sent exactly once. */
  occurrence: z.string().min(1),
  audience: AudienceSchema,
  /** Template fields as the machine fills them; the recipient's name is added per recipient. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
});
export type Notification = z.infer<typeof NotificationSchema>;

/**
 * One notification occurrence of one dossier or feedback case (`dossierCode` holds either code); the
 * activity sends it exactly once per recipient and channel.
 */
export const NotifyInputSchema = NotificationSchema.extend({ dossierCode: z.string().min(1) });
export type NotifyInput = z.infer<typeof NotifyInputSchema>;
