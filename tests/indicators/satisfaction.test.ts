import { customerSatisfaction, indicators, periodBounds } from '../../domain/indicators';
import type { Db } from '../../platform/database/client';
import { complainedDossiers, periodCounts } from '../../platform/database/indicators';
import { PROVIDERS, useDatabases } from '../harness/databases';
import { PERIOD, seedIndicatorPeriod } from './seed';

const NOW = new Date('2026-01-15T00:00:00Z');

describe.each(PROVIDERS)('indicator 5.4 computed by %s', (provider) => {
  const databases = useDatabases(provider);
  let db: Db;
  beforeAll(async () => {
    db = (await databases.open()).prisma;
    await seedIndicatorPeriod(db);
    // Two cases about A (one dossier), one about a dossier outside the period; B-late was rated 2 and 1.
    const feedback = (code: string, dossierCode: string) => ({
      code,
      category: 'handling',
      channel: 'web',
      subject: 's',
      content: 'c',
      contactName: 'n',
      accessCodeHash: '',
      dossierCode,
      deskAgencyCode: 'centre',
      status: 'received',
      receivedAt: NOW,
      dueAt: NOW,
    });
    await db.feedbackCase.createMany({
      data: [
        feedback('PAKN-251120-0001', 'A-on-time'),
        feedback('PAKN-251120-0002', 'A-on-time'),
        feedback('PAKN-251120-0003', 'Q-before'),
      ],
    });
  });

  it('is 100% less the overdue rate and the rate with feedback or a dislike, by hand', async () => {
    const scope = periodBounds(PERIOD.from, PERIOD.to, NOW);
    const counts = await periodCounts(db, scope);
    expect(await complainedDossiers(db, scope)).toBe(2);
    expect(counts.complained).toBe(2);
    // 14 received, 2 late and 2 open past due, 2 with feedback or a dislike: 8 of 14.
    expect(customerSatisfaction(counts)).toMatchObject({
      id: '5.4',
      numerator: 8,
      denominator: 14,
      value: 0.5714,
      points: 3.8093,
      maxPoints: 6,
      measurable: true,
    });
  });

  it('5.2 and 5.3 count the feedback cases of the period, by hand', async () => {
    const vn = (day: string) => new Date(`${day}T10:00:00+07:00`);
    const handled = (
      code: string,
      fields: { status: string; receivedAt: Date; dueAt: Date } & Record<string, unknown>,
    ) => ({
      code,
      category: 'handling',
      channel: 'hotline',
      subject: 's',
      content: 'c',
      contactName: 'n',
      accessCodeHash: '',
      deskAgencyCode: 'centre',
      ...fields,
    });
    await db.feedbackCase.createMany({
      data: [
        // Answered in time, satisfied; answered late, not satisfied; open past its limit at the period's end.
        handled('PAKN-251103-0001', {
          status: 'closed',
          receivedAt: vn('2025-11-03'),
          dueAt: vn('2025-11-24'),
          answeredAt: vn('2025-11-10'),
          onTime: true,
          satisfied: true,
        }),
        handled('PAKN-251104-0001', {
          status: 'answered',
          receivedAt: vn('2025-11-04'),
          dueAt: vn('2025-11-25'),
          answeredAt: vn('2025-11-28'),
          onTime: false,
          satisfied: false,
        }),
        handled('PAKN-251105-0001', {
          status: 'processing',
          receivedAt: vn('2025-11-05'),
          dueAt: vn('2025-11-26'),
        }),
        // Not judged: open within its limit, rejected.
        handled('PAKN-251120-0004', {
          status: 'processing',
          receivedAt: vn('2025-11-20'),
          dueAt: vn('2025-12-11'),
        }),
        handled('PAKN-251106-0001', {
          status: 'rejected',
          receivedAt: vn('2025-11-06'),
          dueAt: vn('2025-11-10'),
        }),
      ],
    });
    const counts = await periodCounts(db, periodBounds(PERIOD.from, PERIOD.to, NOW));
    const byId = (id: string) => indicators(counts).find((i) => i.id === id);
    expect(byId('5.2')).toMatchObject({ numerator: 1, denominator: 3, value: 0.3333 });
    expect(byId('5.3')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });
});
