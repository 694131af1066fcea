/**
 * A real database (SQLite or PostgreSQL) with the project's migrations, and the read-model rows the notification and
 * form tests need: agencies, staff, one procedure, and dossiers.
 */
import { DEMO_AGENCIES } from '../../domain/agencies';
import type { NotifyInput } from '../../domain/notifications';
import { openDatabase, type Database, type Provider } from '../../platform/database/client';
import { migrateDatabase } from '../../platform/database/migrations';
import { createTestDatabaseUrl } from '../harness/databases';

export const PROCEDURE = { code: '1.009994', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' };

export interface TestDatabase extends Database {
  /** Closes the database and removes it. */
  dispose(): Promise<void>;
}

export async function openTestDatabase(provider: Provider = 'sqlite'): Promise<TestDatabase> {
  const { url, dispose } = await createTestDatabaseUrl(provider);
  await migrateDatabase(url);
  const database = await openDatabase(url);
  const db = database.prisma;
  await db.agency.createMany({
    data: DEMO_AGENCIES.filter((a) => ['centre', 'construction', 'land'].includes(a.code)),
  });
  const users: [string, string, string, string, string?, string?][] = [
    ['construction.specialist', 'specialist', 'construction', 'Trần Văn Bình', 'binh.tv@xaydung.example.vn'],
    ['construction.specialist2', 'specialist', 'construction', 'Lý Thị Hoa', undefined, '0987654321'],
    ['construction.leader', 'leader', 'construction', 'Hoàng Văn Em', 'em.hv@xaydung.example.vn'],
    ['centre.receiver', 'receiver', 'centre', 'Lê Văn Cường', 'cuong.lv@ttpvhcc.example.vn'],
  ];
  for (const [username, role, agencyCode, fullName, email, phone] of users) {
    await db.user.create({ data: { username, passwordHash: 'x', role, agencyCode, fullName, email, phone } });
  }
  await db.procedure.create({
    data: {
      ...PROCEDURE,
      sector: 'Xây dựng',
      level: 'province',
      definition: {
        deadline: { amount: 15, unit: 'working_days' },
        competentAgency: 'construction',
        steps: [{ agency: 'construction' }, { agency: 'land' }, { agency: 'construction' }],
        fees: [{ amountVnd: 75000 }],
        result: { delivery: 'paper' },
      },
      versionHash: 'v1',
      syncedAt: new Date(),
    },
  });
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await dispose();
    },
  };
}

let sequence = 0;

export interface DossierSeed {
  applicantEmail?: string;
  applicantPhone?: string;
  receivedAt?: string;
  dueAt?: string;
  originalDueAt?: string;
  extensionCount?: number;
}

/** A received dossier in processing at the construction department; returns its code. */
export async function seedDossier(database: Database, seed: DossierSeed = {}): Promise<string> {
  sequence += 1;
  const code = `000.00.01.H56-261120-${String(sequence).padStart(4, '0')}`;
  const receivedAt = new Date(seed.receivedAt ?? '2026-11-20T08:30:00+07:00');
  const dueAt = new Date(seed.dueAt ?? '2026-12-11T17:00:00+07:00');
  await database.prisma.dossier.create({
    data: {
      code,
      procedureCode: PROCEDURE.code,
      procedureName: PROCEDURE.name,
      procedureVersionHash: 'v1',
      channel: 'counter',
      applicantName: 'Nguyễn Thị Ánh',
      applicantIdNumber: '079190000001',
      applicantAddress: 'Số 12 đường Hùng Vương, phường Tân Phú',
      applicantEmail: seed.applicantEmail,
      applicantPhone: seed.applicantPhone,
      documents: [
        { name: 'Đơn đề nghị cấp giấy phép', form: 'original' },
        { name: 'Bản vẽ thiết kế', form: 'copy', quantity: 2 },
      ],
      steps: [],
      statusCode: 4,
      statusKey: 'processing',
      currentAgencyCode: 'construction',
      receivingAgencyCode: 'centre',
      submittedAt: receivedAt,
      receivedAt,
      dueAt,
      originalDueAt: new Date(seed.originalDueAt ?? dueAt),
      extensionCount: seed.extensionCount ?? 0,
      calendarVersion: 'vn-2026',
      projectionVersion: 1,
    },
  });
  return code;
}

/** The citizen's receipt notice of a test dossier: the notify input the suites send. */
export const received = (code: string): NotifyInput => ({
  dossierCode: code,
  occasion: 'received',
  occurrence: 'received',
  audience: { kind: 'citizen' },
  data: {
    code,
    procedureName: PROCEDURE.name,
    receivedAt: '2026-11-20T08:30:00+07:00',
    dueAt: '2026-12-11T17:00:00+07:00',
  },
});
