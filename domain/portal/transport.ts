/**
 * The national portal's transport as provincial clients use it: JSON over HTTP POST to one adapter base
 * URL, a login that answers a session, then the session, the caller's unit code (`madonvi`) and the
 * operation (`service`) in every body. Shared by the client and the simulator so the two cannot drift.
 */
export const PORTAL_PATHS = {
  login: '/auth/login',
  /** Dossiers, look-ups, ratings. */
  integration: '/integration',
  /** The national catalogues. */
  sharing: '/sharing',
} as const;

export const PORTAL_SERVICES = {
  syncDossier: 'DongBoHoSoMC',
  addProgress: 'CapNhatTienDoHoSoMC',
  lookUpDossier: 'TraCuuHoSo',
  getProcedure: 'LayThuTuc',
  /** The monthly rating summary per evaluation item. */
  syncRatings: 'DongBoDanhGia',
} as const;

export type PortalService = (typeof PORTAL_SERVICES)[keyof typeof PORTAL_SERVICES];

/** Sent beside each dossier change so that a duplicate delivery is visible on the receiving side. */
export const CHANGE_HEADER = 'x-motcua-change';

export interface PortalAnswer {
  /** 0 is success; older portals answered the string "00". */
  error_code: number | string;
  message?: string;
  session?: string;
  data?: unknown;
}

export function succeeded(answer: PortalAnswer): boolean {
  return Number(answer.error_code) === 0;
}

/** On create, error 3 or -3 saying "đã tồn tại" means: send it again as an update. */
export function alreadyExists(answer: PortalAnswer): boolean {
  const code = Number(answer.error_code);
  return (code === 3 || code === -3) && /đã tồn tại/i.test(answer.message ?? '');
}
