import type { Db } from '../../platform/database/client';

/**
 * November 2025 (receipt dates 1–30 Nov, Vietnam time) with every edge the indicators must handle. The
 * expected figures in the tests are counted by hand from this table; change both together.
 */
export const PERIOD = { from: '2025-11-01', to: '2025-11-30' };

interface Seeded {
  code: string;
  received: string;
  due: string;
  finished?: string;
  status: number;
  channel?: string;
  agency?: string;
  procedure?: string;
  supplements?: number;
  completions?: number;
  extended?: boolean;
  originalDue?: string;
  supplementRequested?: string;
  paymentRequested?: string;
  paidOnline?: boolean;
  refused?: boolean;
}

const day = (d: string) => new Date(`2025-${d}:00.000Z`);

// Days from receipt to finish are whole, so 2.2 is exact: A 7, B 9, C 1, D 14, E 4, F 8, G 1, H 1, L 4, O 1.
const DOSSIERS: Seeded[] = [
  { code: 'A-on-time', received: '11-02T02:00', due: '11-10T10:00', finished: '11-09T02:00', status: 9 },
  { code: 'B-late', received: '11-03T02:00', due: '11-10T10:00', finished: '11-12T02:00', status: 10 },
  {
    code: 'C-early-online',
    received: '11-04T02:00',
    due: '11-20T10:00',
    finished: '11-05T02:00',
    status: 10,
    channel: 'online',
  },
  // Finished after its first due date, but the time limit restarted when the citizen completed it.
  {
    code: 'D-supplement',
    received: '11-05T02:00',
    originalDue: '11-12T10:00',
    due: '11-20T10:00',
    finished: '11-19T02:00',
    status: 10,
    supplements: 1,
    supplementRequested: '11-06T02:00',
  },
  // Completion asked at reception and a supplement in appraisal: late by C4 though early by the dates.
  {
    code: 'E-two-episodes',
    received: '11-06T02:00',
    due: '11-25T10:00',
    finished: '11-10T02:00',
    status: 10,
    supplements: 1,
    completions: 1,
    supplementRequested: '11-07T02:00',
  },
  {
    code: 'F-extended-paid-online',
    received: '11-09T02:00',
    originalDue: '11-13T10:00',
    due: '11-18T10:00',
    finished: '11-17T02:00',
    status: 10,
    channel: 'online',
    extended: true,
    paymentRequested: '11-10T02:00',
    paidOnline: true,
  },
  { code: 'G-withdrawn', received: '11-10T02:00', due: '11-20T10:00', finished: '11-11T02:00', status: 7 },
  {
    code: 'H-refused',
    received: '11-11T02:00',
    due: '11-20T10:00',
    finished: '11-12T02:00',
    status: 9,
    refused: true,
  },
  { code: 'I-open-late', received: '11-12T02:00', due: '11-20T10:00', status: 4 },
  { code: 'J-open', received: '11-25T02:00', due: '12-05T10:00', status: 4 },
  // Waiting for the citizen since 14 Nov: judged at the request, before its due date.
  {
    code: 'K-awaiting-citizen',
    received: '11-13T02:00',
    due: '11-24T10:00',
    status: 5,
    supplements: 1,
    supplementRequested: '11-14T02:00',
  },
  {
    code: 'L-paid-at-counter',
    received: '11-16T02:00',
    due: '11-27T10:00',
    finished: '11-20T02:00',
    status: 10,
    paymentRequested: '11-17T02:00',
  },
  // Finished after the period: open and late at its end.
  {
    code: 'M-finished-after',
    received: '11-20T02:00',
    due: '11-26T10:00',
    finished: '12-02T02:00',
    status: 10,
  },
  {
    code: 'O-commune',
    received: '11-18T02:00',
    due: '11-25T10:00',
    finished: '11-19T02:00',
    status: 10,
    agency: 'commune',
    procedure: 'P2',
  },
  // Outside the period: P carried over into it, Q closed before it, R received after it.
  {
    code: 'P-carried-over',
    received: '10-20T02:00',
    due: '10-30T10:00',
    finished: '11-03T02:00',
    status: 10,
  },
  { code: 'Q-before', received: '10-25T02:00', due: '11-05T10:00', finished: '10-30T02:00', status: 10 },
  { code: 'R-after', received: '12-02T02:00', due: '12-10T10:00', status: 4 },
];

const RATINGS: Array<{ code: string; scores: Record<string, number> }> = [
  { code: 'A-on-time', scores: { resultTime: 5, staffAttitude: 4 } },
  { code: 'B-late', scores: { resultTime: 2, staffAttitude: 3, onlineService: 1 } },
  { code: 'C-early-online', scores: { resultTime: 4 } },
  { code: 'Q-before', scores: { resultTime: 1 } },
];

/** A and I were handed to the land agency. */
const HANDOFFS = ['A-on-time', 'I-open-late'];

export async function seedIndicatorPeriod(db: Db): Promise<void> {
  await db.dossier.createMany({
    data: DOSSIERS.map((d) => ({
      code: d.code,
      procedureCode: d.procedure ?? 'P1',
      procedureName: d.procedure ?? 'P1',
      procedureVersionHash: '',
      channel: d.channel ?? 'counter',
      applicantName: '',
      applicantIdNumber: '',
      documents: [],
      statusCode: d.status,
      statusKey: String(d.status),
      steps: [],
      receivingAgencyCode: d.agency ?? 'centre',
      submittedAt: day(d.received),
      receivedAt: day(d.received),
      dueAt: day(d.due),
      originalDueAt: day(d.originalDue ?? d.due),
      extensionCount: d.extended ? 1 : 0,
      supplementCount: d.supplements ?? 0,
      completionRequestCount: d.completions ?? 0,
      finishedAt: d.finished ? day(d.finished) : null,
      supplementRequestedAt: d.supplementRequested ? day(d.supplementRequested) : null,
      paymentRequestedAt: d.paymentRequested ? day(d.paymentRequested) : null,
      paidOnline: d.paidOnline ?? false,
      refused: d.refused ?? false,
      calendarVersion: '',
      projectionVersion: 1,
    })),
  });
  await db.rating.createMany({ data: RATINGS.map((r) => ({ dossierCode: r.code, scores: r.scores })) });
  await db.handoff.createMany({
    data: HANDOFFS.map((code) => ({
      key: `${code}:handoff:1`,
      dossierCode: code,
      seq: 1,
      toAgencyCode: 'land',
      givenAt: day('11-13T02:00'),
    })),
  });
}
