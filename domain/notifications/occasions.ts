/**
 * Every moment of a dossier's life at which someone must be told something, with who is told.
 * Pure data: workflow code imports it to pick the occasion it asks the notify activity for.
 */
export const OCCASIONS = [
  'received',
  'submission_accepted',
  'completion_requested',
  'refused',
  'transferred',
  'supplement_requested',
  'supplement_received',
  'payment_requested',
  'step_reminder',
  'dossier_reminder',
  'escalation',
  'overdue_apology',
  'overdue_alert',
  'extended',
  'result_ready',
  'early_return_notice',
  'returned',
  'withdrawn',
  'closed_no_supplement',
  'rating_invitation',
] as const;

export type Occasion = (typeof OCCASIONS)[number];

export type StaffRole = 'receiver' | 'specialist' | 'leader';

export type Lang = 'vi' | 'en';

export type AudienceKind = 'citizen' | 'staff';

export interface OccasionInfo {
  audience: AudienceKind;
  /** Staff roles told when the workflow does not name them. */
  defaultRoles?: readonly StaffRole[];
  /** Official letter sent along (Decree 118 Art. 19(6): the apology travels with the notice). */
  attachment?: 'apology';
  /** Where the duty to tell comes from; shown in reviews, not to citizens. */
  basis: string;
}

export const OCCASION_INFO: Record<Occasion, OccasionInfo> = {
  received: { audience: 'citizen', basis: 'ND 118 Art. 17(1)(c), 17(3)' },
  submission_accepted: { audience: 'citizen', basis: 'ND 118 Art. 17(2)(c)' },
  completion_requested: { audience: 'citizen', basis: 'ND 118 Art. 16(3), 17(2)(c)' },
  refused: { audience: 'citizen', basis: 'ND 118 Art. 17(1)(c), 19(3)' },
  transferred: { audience: 'staff', defaultRoles: ['specialist'], basis: 'ND 118 Art. 18, 20' },
  supplement_requested: { audience: 'citizen', basis: 'ND 118 Art. 19(5)' },
  supplement_received: { audience: 'citizen', basis: 'ND 118 Art. 19(5)' },
  payment_requested: { audience: 'citizen', basis: 'ND 118 Art. 24' },
  step_reminder: { audience: 'staff', defaultRoles: ['specialist', 'leader'], basis: 'rules L6 (internal)' },
  dossier_reminder: {
    audience: 'staff',
    defaultRoles: ['specialist', 'leader'],
    basis: 'rules L6 (internal)',
  },
  escalation: { audience: 'staff', defaultRoles: ['leader'], basis: 'ND 118 Art. 12(5), 19(6)' },
  overdue_apology: { audience: 'citizen', attachment: 'apology', basis: 'ND 118 Art. 19(6)' },
  overdue_alert: { audience: 'staff', defaultRoles: ['leader'], basis: 'ND 118 Art. 12(5)' },
  extended: { audience: 'citizen', attachment: 'apology', basis: 'ND 118 Art. 19(6)' },
  result_ready: { audience: 'citizen', basis: 'ND 118 Art. 22(3)' },
  early_return_notice: { audience: 'citizen', basis: 'ND 118 Art. 22(5)' },
  returned: { audience: 'citizen', basis: 'ND 118 Art. 22' },
  withdrawn: { audience: 'citizen', basis: 'ND 118 Art. 21' },
  closed_no_supplement: { audience: 'citizen', basis: 'ND 118 Art. 19(5)' },
  rating_invitation: { audience: 'citizen', basis: 'ND 118 Art. 31(1), 33' },
};

export function isOccasion(value: string): value is Occasion {
  return (OCCASIONS as readonly string[]).includes(value);
}
