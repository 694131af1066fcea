/** The notifications the rules emit: the occasion, the audience and the data every template may use. */
import type { Notification } from '../notifications/notification';
import type { Occasion } from '../notifications/occasions';
import { DOSSIER_STATUSES } from '../status';
import type { StaffRole } from '../vocabulary';
import type { RuleContext } from './context';
import type { DossierState } from './types';

export function baseData(d: DossierState, ctx: RuleContext): Record<string, string | number | string[]> {
  const data: Record<string, string | number | string[]> = {
    code: d.code,
    procedureName: ctx.procedure.name,
    procedureCode: ctx.procedure.code,
    status: DOSSIER_STATUSES[d.status].label,
  };
  for (const key of ['submittedAt', 'receivedAt', 'dueAt', 'originalDueAt', 'acceptBy'] as const) {
    if (d[key]) data[key] = d[key]!;
  }
  if (d.returnAppointment) {
    data.appointmentFrom = d.returnAppointment.from;
    data.appointmentTo = d.returnAppointment.to;
  }
  return data;
}

export function citizen(
  d: DossierState,
  ctx: RuleContext,
  occasion: Occasion,
  occurrence: string,
  extra: Record<string, string | number | string[]> = {},
): Notification {
  return { occasion, occurrence, audience: { kind: 'citizen' }, data: { ...baseData(d, ctx), ...extra } };
}

export function staff(
  d: DossierState,
  ctx: RuleContext,
  agencyCode: string,
  roles: StaffRole[],
  occasion: Occasion,
  occurrence: string,
  extra: Record<string, string | number | string[]> = {},
): Notification {
  return {
    occasion,
    occurrence,
    audience: { kind: 'staff', agencyCode, roles },
    data: { ...baseData(d, ctx), ...extra },
  };
}
