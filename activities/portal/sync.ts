import {
  toPortalRecord,
  toProgressEntries,
  type PortalChange,
  type PortalOwner,
} from '../../domain/portal/record';
import {
  CHANGE_HEADER,
  PORTAL_SERVICES,
  alreadyExists,
  succeeded,
  type PortalAnswer,
} from '../../domain/portal/transport';
import type { Db } from '../../platform/database/client';
import { findDossier } from '../../platform/database/repositories/dossiers';
import type { PortalClient } from './client';
import type { PortalSyncActivities } from './types';

export interface PortalSyncDeps {
  client: PortalClient;
  /** The owner's details, kept only in the read model. */
  owner(dossierCode: string): Promise<PortalOwner>;
  agencyName: (code: string) => string;
  /** Links to the current files of the dossier's components by position, when links are configured. */
  fileUrls?(dossierCode: string): Promise<Map<number, string>>;
}

export class PortalRefusedError extends Error {
  override name = 'PortalRefusedError';
}

/** The answer when the portal accepted the call; its refusal, as an error the activity retries, otherwise. */
export function portalAccepted(answer: PortalAnswer, what: string): PortalAnswer {
  if (!succeeded(answer)) {
    throw new PortalRefusedError(`${what}: ${answer.message ?? `error ${String(answer.error_code)}`}`);
  }
  return answer;
}

export function createPortalSyncActivities(deps: PortalSyncDeps): PortalSyncActivities {
  const { client } = deps;
  // Whether the portal holds the dossier decides between a create and an update.
  const lookedUp = async (code: string) => {
    const known = portalAccepted(
      await client.call('integration', PORTAL_SERVICES.lookUpDossier, { mahoso: code }),
      `look-up of ${code}`,
    );
    return Array.isArray(known.data) && known.data.length > 0;
  };

  return {
    async deliverPortalRecord(change: PortalChange, accepted = false) {
      const code = change.state.code;
      const urls = await deps.fileUrls?.(code);
      const record = toPortalRecord(change, {
        owner: await deps.owner(code),
        agencyName: deps.agencyName,
        fileUrl: (position) => urls?.get(position),
      });
      const send = (updating: boolean) =>
        client.call(
          'integration',
          PORTAL_SERVICES.syncDossier,
          { isUpdating: updating ? 'True' : 'False', data: [record] },
          changeMarker(change),
        );
      const updating = accepted || (await lookedUp(code));
      let answer = await send(updating);
      if (!updating && alreadyExists(answer)) answer = await send(true);
      portalAccepted(answer, `dossier ${code} change ${change.seq}`);
    },

    async deliverPortalProgress(change: PortalChange) {
      const entries = toProgressEntries(change, deps);
      if (entries.length === 0) return;
      portalAccepted(
        await client.call(
          'integration',
          PORTAL_SERVICES.addProgress,
          { data: entries },
          changeMarker(change),
        ),
        `progress of ${change.state.code} change ${change.seq}`,
      );
    },
  };
}

// A resync restates change `seq` without being it: its own marker keeps "each change once" countable.
const changeMarker = (change: PortalChange) => ({
  [CHANGE_HEADER]: `${change.state.code}#${change.resend ? 'resend' : change.seq}`,
});

/** The owner as the reception recorded it. */
export function ownerFromReadModel(db: Db): PortalSyncDeps['owner'] {
  return async (dossierCode) => {
    const row = await findDossier(db, dossierCode);
    // The reception writes the row before the workflow starts, so a missing one is a fault worth retrying.
    if (!row) throw new Error(`dossier ${dossierCode} is not in the read model`);
    return {
      fullName: row.applicantName,
      idNumber: row.applicantIdNumber,
      phone: row.applicantPhone ?? undefined,
      email: row.applicantEmail ?? undefined,
    };
  };
}
