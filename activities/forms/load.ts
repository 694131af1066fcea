/**
 * Data of the forms from the read model: the Dossier row, its Handoffs and audit events, the Agency
 * and Procedure tables. What the read model does not hold (a place name, the governing body, or the
 * content of a letter being written right now) comes from the options.
 */
import { z } from 'zod';
import { DOSSIER_STATUSES } from '../../domain/status';
import { formatAmountVi } from '../../domain/notifications/format';
import { trackingUrl } from '../../domain/notifications/render';
import { DURATION_UNITS, formatDuration } from '../../domain/duration';
import { RESULT_DELIVERIES } from '../../domain/procedure';
import { DocumentFormSchema } from '../../domain/vocabulary';
import type { Db } from '../../platform/database/client';
import { agencyByCode, allAgencies } from '../../platform/database/repositories/agencies';
import { dossiersReceivedBy, findDossier } from '../../platform/database/repositories/dossiers';
import { lastAppliedEvent } from '../../platform/database/repositories/events';
import { handoffsOf } from '../../platform/database/repositories/handoffs';
import { procedureDefinitions } from '../../platform/database/repositories/procedures';
import { fullNameOf } from '../../platform/database/repositories/users';
import type { DossierFormKind, FormInput } from './schemas';

export class FormNotAvailableError extends Error {
  constructor(
    readonly code: string,
    readonly kind: string,
    reason: string,
  ) {
    super(`form ${kind} of dossier ${code}: ${reason}`);
    this.name = 'FormNotAvailableError';
  }
}

export interface LoadFormOptions<K extends DossierFormKind = DossierFormKind> {
  publicBaseUrl: string;
  /** Cơ quan chủ quản printed above the unit, e.g. "UBND tỉnh Bình Phước". */
  governingBody?: string;
  /** Place in the dateline. */
  place?: string;
  /** Values that win over the read model, e.g. the reason of an apology being sent now. */
  overrides?: Partial<FormInput<K>>;
}

/** The slice of a procedure definition (domain/procedure) the forms print; the JSON column is read defensively. */
const definitionSchema = z.object({
  deadline: z.object({ amount: z.number(), unit: z.enum(DURATION_UNITS) }).optional(),
  competentAgency: z.string().optional(),
  steps: z.array(z.object({ agency: z.string() })).default([]),
  fees: z.array(z.object({ amountVnd: z.number() })).default([]),
  result: z.object({ delivery: z.enum(RESULT_DELIVERIES) }).optional(),
});

const submittedDocumentsSchema = z.array(
  z.object({
    name: z.string(),
    form: DocumentFormSchema,
    quantity: z.number().int().positive().optional(),
  }),
);

const eventDetail = z.object({
  reason: z.string().optional(),
  documents: z.array(z.string()).optional(),
  missingDocuments: z.array(z.string()).optional(),
});

const iso = (d: Date | null | undefined): string | undefined => d?.toISOString();

/** Heads of agencies sign apologies and stop notices (rules F6): directors of departments, chairs of communes. */
const headTitle = (level: string | undefined): string => (level === 'commune' ? 'CHỦ TỊCH' : 'GIÁM ĐỐC');

const defined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

async function context(db: Db, code: string, kind: string) {
  const dossier = await findDossier(db, code);
  if (!dossier) throw new FormNotAvailableError(code, kind, 'no such dossier');
  // The catalogue row gives the deadline, fees and agencies; the dossier row alone still names the procedure.
  const stored = await procedureDefinitions(db, [dossier.procedureCode]);
  const definition = definitionSchema.parse(stored.get(dossier.procedureCode) ?? {});
  const agencies = new Map((await allAgencies(db)).map((a) => [a.code, a]));
  const agencyName = (agencyCode: string | null | undefined): string | undefined =>
    agencyCode ? (agencies.get(agencyCode)?.name ?? agencyCode) : undefined;
  const fullName = async (username: string | null | undefined): Promise<string | undefined> => {
    if (!username) return undefined;
    return (await fullNameOf(db, username)) ?? username;
  };
  const lastEvent = (actions: string[]) => lastAppliedEvent(db, code, actions);
  const competent = dossier.currentAgencyCode ?? definition.competentAgency ?? dossier.receivingAgencyCode;
  return { dossier, definition, agencies, agencyName, fullName, lastEvent, competent };
}

/**
 * The data of one dossier's form, ready for renderForm. Throws FormNotAvailableError when the dossier
 * is unknown or the form does not apply to it (no refusal form for a dossier that was not refused).
 */
export async function loadFormData<K extends DossierFormKind>(
  db: Db,
  code: string,
  kind: K,
  options: LoadFormOptions<K>,
): Promise<FormInput<K>> {
  const c = await context(db, code, kind);
  const { dossier } = c;
  const receivedAt = dossier.receivedAt ?? dossier.submittedAt;
  const common = defined({
    governingBody: options.governingBody,
    place: options.place,
    code,
    trackingUrl: trackingUrl(options.publicBaseUrl, code),
    receivedAt: receivedAt.toISOString(),
    procedureName: dossier.procedureName,
    applicantName: dossier.applicantName,
    applicantAddress: dossier.applicantAddress ?? undefined,
    applicantPhone: dossier.applicantPhone ?? undefined,
    applicantEmail: dossier.applicantEmail ?? undefined,
  });
  const oneStopName = c.agencyName(dossier.receivingAgencyCode) ?? dossier.receivingAgencyCode;
  const need = <T>(value: T | undefined | null, what: string): T => {
    if (value === undefined || value === null) throw new FormNotAvailableError(code, kind, what);
    return value;
  };

  let data: Record<string, unknown>;
  switch (kind) {
    case 'receipt': {
      const event = await c.lastEvent(['receive', 'accept']);
      // An immediate result the citizen asked no receipt for has none (Decree 118 Art. 17(4)).
      if (z.object({ receipt: z.literal(false) }).safeParse(event?.detail).success) {
        throw new FormNotAvailableError(code, kind, 'no receipt: an immediate result, none asked for');
      }
      const documents = submittedDocumentsSchema.safeParse(dossier.documents);
      const fees = c.definition.fees.reduce((sum, f) => sum + f.amountVnd, 0);
      data = {
        ...common,
        agencyName: oneStopName,
        documents: documents.success ? documents.data : [],
        processingTime: c.definition.deadline ? formatDuration(c.definition.deadline) : undefined,
        // The receipt shows the appointment it was issued with, not a later extension.
        dueAt: need(iso(dossier.originalDueAt ?? dossier.dueAt), 'not received yet'),
        appointmentFrom: iso(dossier.receiptAppointmentFrom),
        appointmentTo: iso(dossier.receiptAppointmentTo),
        returnPlace:
          c.definition.result?.delivery === 'electronic'
            ? 'Tài khoản của Ông/Bà trên Cổng Dịch vụ công quốc gia'
            : `Bộ phận Một cửa - ${oneStopName}`,
        receiverName: await c.fullName(event?.actor ?? null),
        fees: fees > 0 ? formatAmountVi(fees) : undefined,
      };
      break;
    }
    case 'supplement-request': {
      const event = need(
        await c.lastEvent(['requestSupplement', 'requestCompletion']),
        'no supplement was requested',
      );
      const detail = eventDetail.parse(event.detail ?? {});
      const appraisal = event.action === 'requestSupplement';
      data = {
        ...common,
        agencyName: oneStopName,
        issuedAt: event.at.toISOString(),
        stage: appraisal ? 'appraisal' : 'reception',
        documents: (detail.documents ?? detail.missingDocuments ?? []).map((name) => ({ name, quantity: 1 })),
        reason: event.reason ?? detail.reason,
        guideName: await c.fullName(event.actor),
      };
      break;
    }
    case 'refusal': {
      const event = need(await c.lastEvent(['refuse']), 'the dossier was not refused');
      data = {
        ...common,
        agencyName: oneStopName,
        issuedAt: event.at.toISOString(),
        stage: event.fromStatus === DOSSIER_STATUSES.processing.code ? 'appraisal' : 'reception',
        reason: event.reason ?? eventDetail.parse(event.detail ?? {}).reason,
        receiverName: await c.fullName(event.actor),
      };
      break;
    }
    case 'apology': {
      // Extended: the receipt's date and the new one. Otherwise the apology for a date already missed.
      const event = await c.lastEvent(['extend']);
      const extended = dossier.extensionCount > 0 && event !== null;
      data = {
        ...common,
        agencyName: c.agencyName(c.competent),
        issuedAt: (event?.at ?? new Date()).toISOString(),
        dueAt: iso(extended ? (dossier.originalDueAt ?? dossier.dueAt) : dossier.dueAt),
        newDueAt: extended ? iso(dossier.dueAt) : undefined,
        reason: event ? (event.reason ?? eventDetail.parse(event.detail ?? {}).reason) : undefined,
        oneStopName,
        signerTitle: headTitle(c.agencies.get(c.competent)?.level),
        signerName: extended ? await c.fullName(event.actor) : undefined,
      };
      break;
    }
    case 'stop-notice': {
      const event = need(await c.lastEvent(['withdraw']), 'the dossier was not withdrawn');
      const from = Object.values(DOSSIER_STATUSES).find((s) => s.code === event.fromStatus);
      data = {
        ...common,
        agencyName: oneStopName,
        issuedAt: event.at.toISOString(),
        requestedAt: event.at.toISOString(),
        stageLabel: from?.label,
        signerTitle: headTitle(c.agencies.get(dossier.receivingAgencyCode)?.level),
      };
      break;
    }
    case 'process-control': {
      const handoffs = await handoffsOf(db, [code]);
      const stepAgencies = [...new Set(c.definition.steps.map((s) => s.agency))];
      const lead = c.definition.competentAgency ?? c.competent;
      data = {
        ...common,
        agencyName: oneStopName,
        dueAt: iso(dossier.dueAt),
        handlingAgencyName: c.agencyName(lead),
        coordinatingAgencyNames: stepAgencies.filter((a) => a !== lead).map((a) => c.agencyName(a)),
        handoffs: await Promise.all(
          handoffs.map(async (h) =>
            defined({
              agencyName: c.agencyName(h.toAgencyCode),
              givenAt: h.givenAt.toISOString(),
              giverName: await c.fullName(h.givenBy),
              receivedAt: iso(h.receivedAt),
              receiverName: await c.fullName(h.receivedBy),
              result: h.result ?? undefined,
              note: h.note ?? undefined,
            }),
          ),
        ),
      };
      break;
    }
    default:
      throw new FormNotAvailableError(code, kind, 'unknown form');
  }
  return defined({ ...data, ...options.overrides }) as FormInput<K>;
}

export interface TrackingBookQuery {
  /** The one-stop whose book it is. */
  agencyCode: string;
  from: Date;
  to: Date;
  publicBaseUrl?: string;
  governingBody?: string;
  bookNumber?: string;
}

/** Sổ theo dõi hồ sơ: every dossier the one-stop received in the period, in order of receipt. */
export async function loadTrackingBookData(
  db: Db,
  query: TrackingBookQuery,
): Promise<FormInput<'tracking-book'>> {
  const agency = await agencyByCode(db, query.agencyCode);
  if (!agency) throw new FormNotAvailableError('-', 'tracking-book', `no agency ${query.agencyCode}`);
  const dossiers = await dossiersReceivedBy(db, query.agencyCode, query);
  const codes = dossiers.map((d) => d.code);
  const [definitions, agencies, handoffs] = await Promise.all([
    procedureDefinitions(db, [...new Set(dossiers.map((d) => d.procedureCode))]),
    allAgencies(db),
    handoffsOf(db, codes),
  ]);
  const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
  return defined({
    governingBody: query.governingBody,
    agencyName: agency.name,
    bookNumber: query.bookNumber,
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    rows: dossiers.map((d) => {
      const lead = definitionSchema.safeParse(definitions.get(d.procedureCode) ?? {}).data?.competentAgency;
      const own = handoffs.filter((h) => h.dossierCode === d.code);
      // First hand-over out of the one-stop; the last back into it carries the result.
      const out = own.find((h) => h.toAgencyCode !== d.receivingAgencyCode);
      const back = [...own]
        .reverse()
        .find((h) => h.toAgencyCode === d.receivingAgencyCode && h.seq > (out?.seq ?? 0));
      return defined({
        code: d.code,
        procedureName: d.procedureName,
        applicantName: d.applicantName,
        applicantContact: [d.applicantAddress, d.applicantPhone].filter(Boolean).join(', ') || undefined,
        leadAgencyName:
          (lead && agencyName.get(lead)) ?? agencyName.get(d.currentAgencyCode ?? '') ?? agency.name,
        receivedAt: (d.receivedAt ?? d.submittedAt).toISOString(),
        dueAt: (d.originalDueAt ?? d.dueAt ?? d.receivedAt ?? d.submittedAt).toISOString(),
        transferredAt: iso(out?.givenAt),
        resultReceivedAt: iso(back?.givenAt ?? d.finishedAt),
        returnedAt: iso(d.returnedAt),
      });
    }),
  });
}
