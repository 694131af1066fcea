import { periodBounds } from '../../domain/indicators';
import { customerSatisfaction } from '../../domain/indicators/satisfaction';
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
    const complained = await complainedDossiers(db, scope);
    expect(complained).toBe(2);
    // 14 received, 2 late and 2 open past due, 2 with feedback or a dislike: 8 of 14.
    expect(customerSatisfaction(counts, complained)).toMatchObject({
      id: '5.4',
      numerator: 8,
      denominator: 14,
      value: 0.5714,
      points: 3.8093,
      maxPoints: 6,
      measurable: true,
    });
  });
});
