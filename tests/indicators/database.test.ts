import { indicatorReport, periodBounds } from '../../domain/indicators';
import { monthlyOnTime, periodCounts } from '../../platform/database/indicators';
import { PROVIDERS, useDatabases } from '../harness/databases';
import { PERIOD, seedIndicatorPeriod } from './seed';
import type { Db } from '../../platform/database/client';

const NOW = new Date('2026-01-15T00:00:00Z');

describe.each(PROVIDERS)('Decision 766 indicators computed by %s', (provider) => {
  const databases = useDatabases(provider);
  let db: Db;
  beforeAll(async () => {
    db = (await databases.open()).prisma;
    await seedIndicatorPeriod(db);
  });

  const report = async (scope: { agency?: string; procedure?: string } = {}) => {
    const counts = await periodCounts(db, { ...periodBounds(PERIOD.from, PERIOD.to, NOW), ...scope });
    return indicatorReport(counts, PERIOD, {
      agency: scope.agency ?? null,
      procedure: scope.procedure ?? null,
    });
  };
  const byId = (r: Awaited<ReturnType<typeof report>>, id: string) => r.indicators.find((i) => i.id === id)!;

  it('counts the dossiers of the period as a provincial dashboard does', async () => {
    expect((await report()).dossiers).toEqual({
      received: 14,
      carriedOver: 1,
      finished: 10,
      onTime: 8,
      late: 2,
      inProgress: 4,
      overdueInProgress: 2,
      withdrawn: 1,
      refused: 1,
    });
  });

  it('measures 2.1 with the supplement rules of C4, 2.2, 3.3 and 3.6', async () => {
    const r = await report();
    expect(byId(r, '2.1')).toMatchObject({
      numerator: 10,
      denominator: 14,
      value: 0.7143,
      points: 14.286,
      maxPoints: 20,
    });
    expect(byId(r, '2.2')).toMatchObject({ numerator: 50, denominator: 10, value: 5, measurable: true });
    expect(byId(r, '3.3')).toMatchObject({ numerator: 2, denominator: 14, value: 0.1429 });
    expect(byId(r, '3.6')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
      points: 3,
      maxPoints: 6,
    });
  });

  it('lists what the data cannot support as unmeasurable, with the reason', async () => {
    const r = await report();
    expect(r.indicators.map((i) => i.id)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '3.1',
      '3.3',
      '3.5',
      '3.6',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
    ]);
    expect(byId(r, '5.1')).toMatchObject({ measurable: false, value: null, points: null });
    // 14 received, 2 late, 2 open past due, B-late rated with a dislike: 9 of 14 (hand counts in
    // tests/indicators/satisfaction.test.ts add feedback cases).
    expect(byId(r, '5.4')).toMatchObject({ measurable: true, numerator: 9, denominator: 14, value: 0.6429 });
    // No feedback case in this period: measured, nothing to count.
    for (const id of ['5.2', '5.3']) {
      expect(byId(r, id)).toMatchObject({ measurable: true, denominator: 0, value: null, points: null });
    }
  });

  it('gives the on-time rate of 2.1 month by month of receipt, each month judged at the period end', async () => {
    // October: P late, Q on time. November as above, but J (due 5 Dec) is now open past its due date.
    // December: R open past its due date.
    expect(await monthlyOnTime(db, periodBounds('2025-10-01', '2025-12-31', NOW))).toEqual([
      { month: '2025-10', judged: 2, judgedOnTime: 1 },
      { month: '2025-11', judged: 14, judgedOnTime: 9 },
      { month: '2025-12', judged: 1, judgedOnTime: 0 },
    ]);
  });

  it('averages the ratings of the period per Art. 33 item', async () => {
    expect((await report()).ratings).toEqual({
      count: 3,
      averages: {
        resultTime: 3.6667,
        agenciesContacted: null,
        contactsNeeded: null,
        publishedInfo: null,
        staffAttitude: 3.5,
        lawfulness: null,
        feedbackHandling: null,
        onlineService: 1,
      },
    });
  });

  it('narrows to an agency the dossiers were handed to, and to a procedure', async () => {
    const land = await report({ agency: 'land' });
    expect(land.dossiers).toMatchObject({
      received: 2,
      finished: 1,
      onTime: 1,
      inProgress: 1,
      overdueInProgress: 1,
    });
    expect(byId(land, '2.1')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect((await report({ agency: 'commune' })).dossiers).toMatchObject({ received: 1, onTime: 1 });
    expect((await report({ procedure: 'P2' })).dossiers).toMatchObject({ received: 1, carriedOver: 0 });
  });
});
