/**
 * Every moment of a dossier's life at which someone must be told something, with who is told.
 * Pure data: workflow code imports it to pick the occasion it asks the notify activity for.
 */
export const DOSSIER_OCCASIONS = [
  'received',
  'submission_accepted',
  'acceptance_reminder',
  'completion_requested',
  'refused',
  'transferred',
  'supplement_requested',
  'supplement_received',
  'payment_requested',
  'payment_link',
  'step_reminder',
  'dossier_reminder',
  'escalation',
  'overdue_apology',
  'overdue_alert',
  'extended',
  'due_date_moved',
  'verification_required',
  'result_ready',
  'early_return_notice',
  'returned',
  'withdrawn',
  'closed_no_supplement',
  'rating_invitation',
  'fee_remittance_due',
] as const;

/** The moments of a feedback case (phản ánh, kiến nghị); the same outbox sends them. */
export const FEEDBACK_OCCASIONS = [
  'feedback_received',
  'feedback_rejected',
  'feedback_supplement_requested',
  'feedback_supplement_received',
  'feedback_assigned',
  'feedback_answered',
  'feedback_published',
  'feedback_closed',
  'feedback_reminder',
  'feedback_escalation',
] as const;

export const OCCASIONS = [...DOSSIER_OCCASIONS, ...FEEDBACK_OCCASIONS] as const;

export type Occasion = (typeof OCCASIONS)[number];

export type { StaffRole } from '../vocabulary';

export type Lang = 'vi' | 'en';

export type AudienceKind = 'citizen' | 'staff';

export interface OccasionInfo {
  /** Who may be told; the first is assumed when a caller does not say. */
  audiences: readonly AudienceKind[];
  /** Official letter sent along (Decree 118 Art. 19(6): the apology travels with the notice). */
  attachment?: 'apology';
  /** Where the duty to tell comes from; shown in reviews, not to citizens. */
  basis: string;
}

export const OCCASION_INFO: Record<Occasion, OccasionInfo> = {
  received: { audiences: ['citizen'], basis: 'ND 118 Art. 17(1)(c), 17(3)' },
  submission_accepted: { audiences: ['citizen'], basis: 'ND 118 Art. 17(2)(c)' },
  acceptance_reminder: { audiences: ['staff'], basis: 'ND 118 Art. 17(2)(c)' },
  completion_requested: { audiences: ['citizen'], basis: 'ND 118 Art. 16(3), 17(2)(c)' },
  refused: { audiences: ['citizen'], basis: 'ND 118 Art. 17(1)(c), 19(3)' },
  transferred: { audiences: ['staff'], basis: 'ND 118 Art. 18, 20' },
  supplement_requested: { audiences: ['citizen'], basis: 'ND 118 Art. 19(5)' },
  supplement_received: { audiences: ['citizen', 'staff'], basis: 'ND 118 Art. 19(5)' },
  payment_requested: { audiences: ['citizen'], basis: 'ND 118 Art. 24' },
  payment_link: { audiences: ['citizen'], basis: 'ND 118 Art. 24(1)' },
  step_reminder: { audiences: ['staff'], basis: 'rules L6 (internal)' },
  dossier_reminder: { audiences: ['staff'], basis: 'rules L6 (internal)' },
  escalation: { audiences: ['staff'], basis: 'ND 118 Art. 12(5), 19(6)' },
  overdue_apology: { audiences: ['citizen'], attachment: 'apology', basis: 'ND 118 Art. 19(6)' },
  overdue_alert: { audiences: ['staff'], basis: 'ND 118 Art. 12(5)' },
  extended: { audiences: ['citizen'], attachment: 'apology', basis: 'ND 118 Art. 19(6)' },
  due_date_moved: { audiences: ['citizen'], basis: 'BLLĐ 2019 Art. 112(3); docs/calendar.md' },
  verification_required: { audiences: ['citizen'], basis: 'the procedure’s law (docs/rules.md P1)' },
  result_ready: { audiences: ['citizen', 'staff'], basis: 'ND 118 Art. 22(3)' },
  early_return_notice: { audiences: ['citizen'], basis: 'ND 118 Art. 22(5)' },
  returned: { audiences: ['citizen'], basis: 'ND 118 Art. 22' },
  withdrawn: { audiences: ['citizen'], basis: 'ND 118 Art. 21' },
  closed_no_supplement: { audiences: ['citizen'], basis: 'ND 118 Art. 19(5)' },
  rating_invitation: { audiences: ['citizen'], basis: 'ND 118 Art. 31(1), 33' },
  feedback_received: { audiences: ['citizen'], basis: 'rules N1' },
  feedback_rejected: { audiences: ['citizen'], basis: 'rules N2' },
  feedback_supplement_requested: { audiences: ['citizen'], basis: 'rules N2' },
  feedback_supplement_received: { audiences: ['staff'], basis: 'rules N2' },
  feedback_assigned: { audiences: ['staff'], basis: 'rules N1' },
  feedback_answered: { audiences: ['citizen'], basis: 'rules N1–N2' },
  feedback_published: { audiences: ['citizen'], basis: 'rules N2' },
  feedback_closed: { audiences: ['citizen'], basis: 'rules N2' },
  feedback_reminder: { audiences: ['staff'], basis: 'rules N2 (internal)' },
  feedback_escalation: { audiences: ['staff'], basis: 'rules N2' },
  fee_remittance_due: { audiences: ['staff'], basis: 'ND 118 Art. 24(3)' },
};

export function isOccasion(value: string): value is Occasion {
  return (OCCASIONS as readonly string[]).includes(value);
}
