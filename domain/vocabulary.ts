/**
 * The enumerations that procedures, dossiers, the API and the forms share: each declared once, as a zod
 * schema with its type inferred, so a value added here reaches validation, types and OpenAPI together.
 */
import { z } from 'zod';

/** What a user is: a one-stop desk receiver, an agency specialist or leader, or an administrator. */
export const UserRoleSchema = z.enum(['receiver', 'specialist', 'leader', 'admin']);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** Who works a step of a procedure, and whom a staff notification reaches: every user role but admin. */
export const StaffRoleSchema = UserRoleSchema.exclude(['admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** Who acts on a dossier; 'system' stands for callbacks with no clerk behind them (a payment gateway). */
export type ActorRole = UserRole | 'system';

/** How the dossier reached the one-stop desk. */
export const SubmissionChannelSchema = z.enum(['counter', 'postal', 'online']);
export type SubmissionChannel = z.infer<typeof SubmissionChannelSchema>;

/** Bản chính, bản sao có chứng thực, bản sao. */
export const DocumentFormSchema = z.enum(['original', 'certified_copy', 'copy']);
export type DocumentForm = z.infer<typeof DocumentFormSchema>;

/** How the result goes back to the citizen. */
export const ReturnMethodSchema = z.enum(['counter', 'post', 'electronic']);
export type ReturnMethod = z.infer<typeof ReturnMethodSchema>;

/** Step result on the process control slip (Phiếu kiểm soát quá trình): Trước hạn / Đúng hạn / Quá hạn. */
export const TimelinessSchema = z.enum(['early', 'on_time', 'late']);
export type Timeliness = z.infer<typeof TimelinessSchema>;
