import type { Db } from '../client';
import { isUniqueViolation } from '../errors';

/** A portal code taken to receive a dossier under `dossierCode` (which may not exist yet). */
export interface PortalInboundClaim {
  portalCode: string;
  dossierCode: string;
  claimedAt: Date;
}

export async function portalInboundClaim(db: Db, portalCode: string): Promise<PortalInboundClaim | null> {
  return db.portalInboundDossier.findUnique({ where: { portalCode } });
}

/** Takes the portal code for a dossier code; false when another request holds it already. */
export async function claimPortalCode(db: Db, claim: PortalInboundClaim): Promise<boolean> {
  try {
    await db.portalInboundDossier.create({ data: claim });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Takes over an abandoned claim, unless another request took it over since it was read. */
export async function retakePortalCode(db: Db, claim: PortalInboundClaim, at: Date): Promise<boolean> {
  const { count } = await db.portalInboundDossier.updateMany({
    where: { portalCode: claim.portalCode, claimedAt: claim.claimedAt },
    data: { claimedAt: at },
  });
  return count === 1;
}

/** Lets the portal code go after a reception that failed, so that the portal's retry starts afresh. */
export async function releasePortalCode(db: Db, claim: Omit<PortalInboundClaim, 'claimedAt'>): Promise<void> {
  await db.portalInboundDossier.deleteMany({ where: claim });
}
