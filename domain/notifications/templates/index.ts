/**
 * Message templates for every occasion, Vietnamese with English beside, one file per stage of the
 * dossier's life. Each declares the fields it needs; the engine (../render.ts) checks them.
 */
import type { Occasion } from '../occasions';
import { DELAY_TEMPLATES } from './delay';
import type { Variants } from './define';
import { FEEDBACK_TEMPLATES } from './feedback';
import { PROCESSING_TEMPLATES } from './processing';
import { RECEPTION_TEMPLATES } from './reception';
import { RESULT_TEMPLATES } from './result';
import { STAFF_ALERT_TEMPLATES } from './staff-alerts';
import { SUPPLEMENT_TEMPLATES } from './supplement';

/** An occasion without a template does not compile. */
export const TEMPLATES = {
  ...RECEPTION_TEMPLATES,
  ...PROCESSING_TEMPLATES,
  ...SUPPLEMENT_TEMPLATES,
  ...DELAY_TEMPLATES,
  ...RESULT_TEMPLATES,
  ...STAFF_ALERT_TEMPLATES,
  ...FEEDBACK_TEMPLATES,
} satisfies Record<Occasion, Variants>;
