import type { z } from 'zod';
import { formatDuration } from '../domain/duration';
import type { Procedure } from '../domain/procedure';
import type { CatalogueEntrySchema } from './schemas';

export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

/** A fresh, mutable copy in the contract's field order. */
export function toCatalogueEntry(p: Procedure): CatalogueEntry {
  return {
    code: p.code,
    name: p.name,
    sector: p.sector,
    level: p.level,
    competentAgency: p.competentAgency,
    receivingAgency: p.receivingAgency,
    onlineLevel: p.onlineLevel,
    deadline: { ...p.deadline },
    deadlineText: formatDuration(p.deadline),
    calendar: p.calendar,
    transferCutoff: p.transferCutoff,
    supplementRequestLimit: { ...p.supplementRequestLimit },
    earlyReturnNotice: { ...p.earlyReturnNotice },
    immediateResult: p.immediateResult,
    steps: p.steps.map((s) => ({
      id: s.id,
      name: s.name,
      agency: s.agency,
      role: s.role,
      duration: { ...s.duration },
      ...(s.parallelGroup === undefined ? {} : { parallelGroup: s.parallelGroup }),
    })),
    documents: p.documents.map((d) => ({
      name: d.name,
      form: d.form,
      required: d.required,
      quantity: d.quantity,
    })),
    fees: p.fees.map((f) => ({ ...f })),
    financialObligation: p.financialObligation,
    result: { ...p.result },
    reminderOffsets: p.reminderOffsets.map((d) => ({ ...d })),
    legalBasis: [...p.legalBasis],
    demo: p.demo,
  };
}
