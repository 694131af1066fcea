import { DOCUMENT_FORM_LABEL } from '../../activities/forms/render';
import { formatDuration } from '../../domain/duration';
import type { Procedure } from '../../domain/procedure';
import { formatAmountVi, formatAppointmentVi, formatDateTimeShort } from '../../domain/notifications/format';
import type { Dossier as DossierRow } from '../../generated/sqlite/client';
import { stepsOf } from '../dossier-access';
import { toCatalogueEntry } from '../procedure-view';
import type { Services } from '../services';
import { publicView } from '../views';
import { NEXT_STEP, ONLINE_LEVEL, PROCEDURE_LEVEL, RESULT_DELIVERY, STEP_RESULT, STEP_STATE } from './labels';

/** What the templates show, already worded: the templates only lay it out. */

const when = (t: string | null | undefined): string | null => (t ? formatDateTimeShort(t) : null);

/** The appointment the citizen was given: the desk session of the due day when there is one (H2). */
function appointed(dueAt: string | null, session: { from: string; to: string } | null): string | null {
  if (!dueAt) return null;
  if (!session) return when(dueAt);
  return formatAppointmentVi({ dueAt, appointmentFrom: session.from, appointmentTo: session.to });
}

export function trackingPath(code: string): string {
  return `/tra-cuu/${encodeURIComponent(code)}`;
}

export function procedurePath(code: string): string {
  return `/thu-tuc/${encodeURIComponent(code)}`;
}

export function catalogue(s: Services) {
  return s.procedures.map((p) => ({
    code: p.code,
    name: p.name,
    sector: p.sector,
    deadline: toCatalogueEntry(p).deadlineText,
    online: ONLINE_LEVEL[p.onlineLevel],
    href: procedurePath(p.code),
  }));
}

export function procedurePage(s: Services, procedure: Procedure) {
  const p = toCatalogueEntry(procedure);
  const agencyName = (code: string) => s.agency(code)?.name ?? code;
  return {
    code: p.code,
    name: p.name,
    sector: p.sector,
    level: PROCEDURE_LEVEL[p.level] ?? p.level,
    online: ONLINE_LEVEL[p.onlineLevel] ?? p.onlineLevel,
    deadline: p.deadlineText,
    receivingAgency: agencyName(p.receivingAgency),
    competentAgency: agencyName(p.competentAgency),
    documents: p.documents.map((d) => ({
      name: d.name,
      kind: d.form,
      form: DOCUMENT_FORM_LABEL[d.form],
      quantity: d.quantity,
      required: d.required,
    })),
    fees: p.fees.map((f) => ({ name: f.name, amount: formatAmountVi(f.amountVnd) })),
    steps: p.steps.map((step) => ({
      name: step.name,
      agency: agencyName(step.agency),
      duration: formatDuration(step.duration),
    })),
    result: `${p.result.name} (${RESULT_DELIVERY[p.result.delivery] ?? p.result.delivery})`,
    legalBasis: p.legalBasis,
    url: `${s.baseUrl}${procedurePath(p.code)}`,
    sheetHref: `${procedurePath(p.code)}/to-niem-yet.pdf`,
  };
}

export type ProcedurePage = ReturnType<typeof procedurePage>;

/**
 * The tracking page: what the public JSON tracking view shows, plus when each step was handed over and
 * the documents asked for. The applicant's name stays masked as in the JSON view.
 */
export function trackingPage(s: Services, row: DossierRow, requested: readonly string[]) {
  const view = publicView(row, s.baseUrl);
  const started = stepsOf(row).map((step) => step.startedAt);
  const key = view.status.key;
  const extended = row.extensionCount > 0 && view.originalDueAt !== null && view.originalDueAt !== view.dueAt;
  const { receiptAppointmentFrom: from, receiptAppointmentTo: to } = row;
  const receiptSession = from && to ? { from: from.toISOString(), to: to.toISOString() } : null;
  return {
    code: view.code,
    procedure: { name: view.procedure.name, href: procedurePath(view.procedure.code) },
    applicantName: view.applicantName,
    status: { label: view.status.label, key },
    dates: [
      { label: 'Nộp hồ sơ', value: when(view.submittedAt) },
      { label: 'Tiếp nhận', value: when(view.receivedAt) },
      { label: 'Hẹn trả kết quả', value: appointed(view.dueAt, view.returnAppointment) },
      { label: 'Có kết quả', value: when(view.finishedAt) },
      { label: 'Trả kết quả', value: when(view.returnedAt) },
    ].filter((d) => d.value !== null),
    extension: extended
      ? {
          from: appointed(view.originalDueAt, receiptSession),
          to: appointed(view.dueAt, view.returnAppointment),
        }
      : null,
    overdue: view.overdue,
    steps: view.steps.map((step, i) => ({
      name: step.name,
      agency: s.agency(step.agency)?.name ?? step.agency,
      state: step.state,
      stateLabel: STEP_STATE[step.state],
      handedOver: when(started[i]),
      due: when(step.dueAt),
      finished: when(step.completedAt),
      result: step.result ? STEP_RESULT[step.result] : null,
    })),
    next: NEXT_STEP[key],
    requested: key === 'awaiting_supplement' ? requested : [],
    paymentUrl: view.paymentUrl,
    url: `${s.baseUrl}${trackingPath(view.code)}`,
  };
}
