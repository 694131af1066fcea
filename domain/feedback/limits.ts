/** The time limits of a feedback case (`docs/rules.md` N2), on the working calendar. */
import type { Duration } from '../duration';

export const REJECT_LIMIT: Duration = { amount: 2, unit: 'working_days' };
export const SUPPLEMENT_REQUEST_LIMIT: Duration = { amount: 5, unit: 'working_days' };
export const HANDLING_LIMIT: Duration = { amount: 15, unit: 'working_days' };
export const PUBLISH_LIMIT: Duration = { amount: 2, unit: 'working_days' };
/** How long the citizen has to bring what was asked for, as for a dossier's supplement. */
export const SUPPLEMENT_WINDOW: Duration = { amount: 15, unit: 'days' };
/** How long after the answer the case waits for the citizen's rating before it closes. */
export const RATING_WINDOW: Duration = { amount: 30, unit: 'days' };
/** Reminders go out this long before a limit. */
export const REMINDER: Duration = { amount: 1, unit: 'working_days' };
export const HANDLING_REMINDER: Duration = { amount: 3, unit: 'working_days' };
