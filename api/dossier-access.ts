import { randomUUID } from 'node:crypto';
import type { Actor, StepState } from '../domain/dossier/types';
import {
  findDossier as findDossierRecord,
  type DossierRecord as DossierRow,
} from '../platform/database/repositories/dossiers';
import { appendDossierEvent } from '../platform/database/repositories/read-model';
import type { User } from './auth';
import { ApiError, forbidden, notFound } from './errors';
import type { Services } from './services';

/** The read-model row of a dossier, or 404. */
export async function findDossier(s: Services, code: string): Promise<DossierRow> {
  const row = await findDossierRecord(s.db, code);
  if (!row) throw notFound(`hồ sơ ${code}`);
  return row;
}

export function stepsOf(row: DossierRow): StepState[] {
  return row.steps as unknown as StepState[];
}

/** Admin, the receiving desk, and every agency that has or had a step in the dossier may see it. */
export function mayView(user: User, row: DossierRow): boolean {
  return (
    user.role === 'admin' ||
    user.agencyCode === row.receivingAgencyCode ||
    stepsOf(row).some((step) => step.agency === user.agencyCode)
  );
}

/** The row of a dossier the user may see: 404 if unknown, 403 (audited) if another agency's. */
export async function visibleDossier(s: Services, user: User, code: string): Promise<DossierRow> {
  const row = await findDossier(s, code);
  if (!mayView(user, row)) {
    await audited(s, row, user, 'view', async () => {
      throw forbidden(`Đơn vị ${user.agencyCode} không tham gia giải quyết hồ sơ ${code}`);
    });
  }
  return row;
}

/**
 * Runs an attempt on a dossier and writes its refusal to the audit trail: 'denied' for a 403, 'rejected'
 * for a 409. Applied actions are recorded by the workflow's projection, not here.
 */
export async function audited<T>(
  s: Services,
  row: DossierRow,
  actor: Pick<Actor, 'username' | 'role' | 'agencyCode'>,
  action: string,
  attempt: () => Promise<T>,
): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 409)) {
      await appendDossierEvent(s.db, {
        key: randomUUID(),
        dossierCode: row.code,
        action,
        actor: actor.username,
        actorRole: actor.role,
        agencyCode: actor.agencyCode || null,
        fromStatus: row.statusCode,
        outcome: err.status === 403 ? 'denied' : 'rejected',
        reason: err.message,
        detail: { code: err.code },
        at: s.now(),
      });
    }
    throw err;
  }
}
