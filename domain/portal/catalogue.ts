/**
 * The link between a shipped procedure and its entry in the national portal's catalogue (`LayThuTuc`):
 * the entry's shape, the entry a procedure should have, and what differs between the two. Field names
 * are the portal's as far as clients show them (inferred for the deadline and fee fields). Pure.
 */
import { formatDuration } from '../duration';
import type { Procedure } from '../procedure';

export interface PortalCatalogueFee {
  tenPhiLePhi: string;
  /** Amount in VND, as a string like every number the portal sends. */
  mucPhi: string;
}

/** What `LayThuTuc` answers for one national procedure code. */
export interface PortalCatalogueProcedure {
  maTTHC: string;
  tenTTHC: string;
  /** The legal time limit in words, e.g. "15 ngày làm việc". */
  thoiHanGiaiQuyet?: string;
  phiLePhi?: PortalCatalogueFee[];
}

export type CatalogueField = 'name' | 'deadline' | 'fees';

export interface CatalogueDifference {
  field: CatalogueField;
  /** What the procedure file says; "" when it says nothing. */
  local: string;
  /** What the portal says; "" when it says nothing. */
  portal: string;
}

type CataloguedProcedure = Pick<Procedure, 'nationalCode' | 'name' | 'deadline' | 'fees'>;

/** The catalogue entry a procedure file describes. */
export function catalogueEntryOf(procedure: CataloguedProcedure): PortalCatalogueProcedure {
  return {
    maTTHC: procedure.nationalCode ?? '',
    tenTTHC: procedure.name,
    thoiHanGiaiQuyet: formatDuration(procedure.deadline),
    phiLePhi: procedure.fees.map((f) => ({ tenPhiLePhi: f.name, mucPhi: String(f.amountVnd) })),
  };
}

// Spacing and letter case are the catalogue's typing, not a difference in the law.
const normalised = (s: string | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

const feesText = (fees: readonly PortalCatalogueFee[] | undefined) =>
  (fees ?? [])
    .map((f) => `${f.tenPhiLePhi.trim()}: ${Number(f.mucPhi).toLocaleString('vi-VN')} đ`)
    .sort()
    .join('; ');

/** Where the procedure file and the portal's catalogue disagree on name, deadline or fees. */
export function catalogueDifferences(
  procedure: CataloguedProcedure,
  portal: PortalCatalogueProcedure,
): CatalogueDifference[] {
  const local = catalogueEntryOf(procedure);
  const differences: CatalogueDifference[] = [];
  const compare = (field: CatalogueField, mine: string, theirs: string) => {
    if (normalised(mine) !== normalised(theirs)) differences.push({ field, local: mine, portal: theirs });
  };
  compare('name', local.tenTTHC, portal.tenTTHC);
  compare('deadline', local.thoiHanGiaiQuyet ?? '', portal.thoiHanGiaiQuyet ?? '');
  compare('fees', feesText(local.phiLePhi), feesText(portal.phiLePhi));
  return differences;
}
