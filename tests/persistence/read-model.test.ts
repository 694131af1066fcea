import type { Db } from '../../platform/database/client';
import {
  appendDossierEvent,
  upsertDossierProjection,
  upsertHandoff,
  type DossierProjection,
} from '../../platform/database/repositories/read-model';
import { PROVIDERS, useDatabases } from '../harness/databases';

function projection(
  code: string,
  projectionVersion: number,
  changes: Partial<DossierProjection> = {},
): DossierProjection {
  return {
    code,
    procedureCode: 'judicial-record-certificate',
    procedureName: 'Cấp Phiếu lý lịch tư pháp',
    procedureVersionHash: 'sha256:1',
    channel: 'counter',
    applicantName: 'Nguyễn Văn An',
    applicantIdNumber: '079090001234',
    applicantPhone: '0912345678',
    applicantEmail: null,
    applicantAddress: null,
    documents: [{ name: 'Tờ khai', form: 'original', quantity: 1 }],
    statusCode: 2,
    statusKey: 'received',
    substate: null,
    currentStepIds: null,
    steps: [],
    currentAgencyCode: null,
    receivingAgencyCode: 'centre',
    submittedAt: new Date('2025-11-18T01:00:00Z'),
    receivedAt: new Date('2025-11-18T01:00:00Z'),
    acceptBy: null,
    dueAt: new Date('2025-11-28T10:00:00Z'),
    originalDueAt: new Date('2025-11-28T10:00:00Z'),
    extensionCount: 0,
    supplementCount: 0,
    completionRequestCount: 0,
    overdue: false,
    finishedAt: null,
    returnedAt: null,
    onTime: null,
    supplementRequestedAt: null,
    paymentRequestedAt: null,
    paidOnline: false,
    paymentUrl: null,
    refused: false,
    calendarVersion: 'vn-2025.1',
    dueAtProvisional: false,
    provisionalDates: null,
    returnAppointmentFrom: null,
    returnAppointmentTo: null,
    receiptAppointmentFrom: null,
    receiptAppointmentTo: null,
    projectionVersion,
    ...changes,
  };
}

describe.each(PROVIDERS)('%s: read-model writes', (provider) => {
  const databases = useDatabases(provider);
  let db: Db;
  beforeAll(async () => {
    db = (await databases.open()).prisma;
  });

  test('a projection is stored, then replaced only by a higher version', async () => {
    const code = '000.00.01.H56-251118-0001';
    expect(await upsertDossierProjection(db, projection(code, 1))).toBe(true);
    const processing = {
      statusCode: 4,
      statusKey: 'processing',
      currentStepIds: 'review,check',
      currentAgencyCode: 'justice',
    };
    expect(await upsertDossierProjection(db, projection(code, 3, processing))).toBe(true);

    // A retry of version 3 and a late version 2 change nothing.
    expect(
      await upsertDossierProjection(db, projection(code, 3, { statusCode: 9, statusKey: 'processed' })),
    ).toBe(false);
    expect(
      await upsertDossierProjection(
        db,
        projection(code, 2, { statusCode: 5, statusKey: 'awaiting_supplement' }),
      ),
    ).toBe(false);

    const stored = await db.dossier.findUniqueOrThrow({ where: { code } });
    expect(stored).toMatchObject({ projectionVersion: 3, ...processing });
    expect(stored.documents).toEqual([{ name: 'Tờ khai', form: 'original', quantity: 1 }]);
    expect(stored.dueAt).toEqual(new Date('2025-11-28T10:00:00Z'));

    // null clears a field: the projection is the whole row.
    expect(
      await upsertDossierProjection(db, projection(code, 4, { ...processing, currentStepIds: null })),
    ).toBe(true);
    expect((await db.dossier.findUniqueOrThrow({ where: { code } })).currentStepIds).toBeNull();
  });

  test('concurrent projections of a new dossier: the highest version wins', async () => {
    const code = '000.00.01.H56-251118-0002';
    const versions = [5, 1, 4, 2, 3, 5, 1];
    const stored = await Promise.all(
      versions.map((version) =>
        upsertDossierProjection(db, projection(code, version, { substate: `v${version}` })),
      ),
    );
    expect(stored.some(Boolean)).toBe(true);
    expect(await db.dossier.findUniqueOrThrow({ where: { code } })).toMatchObject({
      projectionVersion: 5,
      substate: 'v5',
    });
  });

  test('an event is appended once per key', async () => {
    const code = '000.00.01.H56-251118-0003';
    const event = {
      key: `${code}:wf:1`,
      dossierCode: code,
      action: 'receive',
      actor: 'centre.receiver',
      actorRole: 'receiver',
      agencyCode: 'centre',
      fromStatus: null,
      toStatus: 2,
      outcome: 'applied',
      detail: { channel: 'counter' },
      at: new Date('2025-11-18T01:00:00Z'),
    };
    const appended = await Promise.all([event, event, event].map((e) => appendDossierEvent(db, e)));
    expect(appended.filter(Boolean)).toHaveLength(1);
    expect(await appendDossierEvent(db, { ...event, action: 'changed on retry' })).toBe(false);
    expect(
      await appendDossierEvent(db, { ...event, key: `${code}:wf:2`, action: 'accept', detail: undefined }),
    ).toBe(true);

    const events = await db.dossierEvent.findMany({ where: { dossierCode: code }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.key, e.action, e.detail])).toEqual([
      [`${code}:wf:1`, 'receive', { channel: 'counter' }],
      [`${code}:wf:2`, 'accept', null],
    ]);
  });

  test('a hand-over row is upserted by key, and a late retry erases nothing', async () => {
    const code = '000.00.01.H56-251118-0004';
    const given = {
      key: `${code}:handoff:1`,
      dossierCode: code,
      seq: 1,
      stepId: 'review',
      fromAgencyCode: 'centre',
      toAgencyCode: 'justice',
      givenAt: new Date('2025-11-18T02:00:00Z'),
      givenBy: 'centre.receiver',
      dueAt: new Date('2025-11-25T10:00:00Z'),
    };
    await Promise.all([given, given, given].map((handoff) => upsertHandoff(db, handoff)));
    await upsertHandoff(db, {
      ...given,
      receivedAt: new Date('2025-11-18T03:00:00Z'),
      receivedBy: 'justice.specialist',
      completedAt: new Date('2025-11-20T03:00:00Z'),
      result: 'early',
    });
    await upsertHandoff(db, given);

    const rows = await db.handoff.findMany({ where: { dossierCode: code } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      receivedBy: 'justice.specialist',
      result: 'early',
      givenBy: 'centre.receiver',
    });
    expect(rows[0].completedAt).toEqual(new Date('2025-11-20T03:00:00Z'));
  });
});
