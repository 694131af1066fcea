/**
 * The citizens' pages and the leaders' dashboard over a read model of a few dossiers, without Temporal: the pages only read, so the
 * screenshots and the pages benchmark need no workflow behind the rows. Not for tests, which go through
 * the real stack.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import pino from 'pino';
import { createFormRenderer } from '../activities/forms';
import { hashAccessCode } from '../api/access-code';
import { createApp } from '../api/app';
import { DEMO_AGENCIES } from '../domain/agencies';
import type { StepState } from '../domain/dossier/types';
import { DOSSIER_STATUSES, type StatusKey } from '../domain/status';
import { openDatabase } from '../platform/database/client';
import { migrateDatabase } from '../platform/database/migrations';
import { seedDemoProvince } from '../platform/database/seed';
import { DEFAULT_DOCUMENT_LIMITS, localDocumentStore } from '../platform/documents';
import { loadProcedures } from '../procedures';

const DEMO = '0.000001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PEPPER = new Uint8Array(32);
const ACCESS_CODE = 'HK7M2PQR';

export interface PagesDemo {
  origin: string;
  /** A dossier code in each state worth a screenshot. */
  codes: { processing: string; supplement: string; extended: string; returned: string };
  /** A feedback case with a published answer, not yet rated; the same access code. */
  feedbackCode: string;
  /** The access code of every demo dossier, for the holder's pages. */
  accessCode: string;
  procedureCode: string;
  /** A demo administrator who signs in to the leaders' dashboard, and the month the dossiers fall in. */
  staff: { username: string; password: string };
  month: { from: string; to: string };
  stop(): Promise<void>;
}

export async function startPagesDemo(): Promise<PagesDemo> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pages-'));
  const url = `file:${path.join(dir, 'motcua.db')}`;
  await migrateDatabase(url);
  const database = await openDatabase(url);
  const db = database.prisma;
  const procedures = loadProcedures();
  const demo = procedures.find((p) => p.code === DEMO)!;
  const received = new Date(Date.UTC(2026, 10, 23, 2, 0));
  const at = (hours: number) => new Date(received.getTime() + hours * HOUR).toISOString();

  const steps = (done: number): StepState[] =>
    demo.steps.map((s, i) => ({
      id: s.id,
      name: s.name,
      agency: s.agency,
      role: s.role,
      phase: i,
      state: i < done ? 'done' : i === done ? 'active' : 'waiting',
      ...(i <= done ? { startedAt: at(i * 2), dueAt: at(i * 2 + 8) } : {}),
      ...(i < done ? { completedAt: at(i * 2 + 1), result: 'early' as const } : {}),
    }));
  const row = (code: string, key: StatusKey, done: number, extra: object = {}) => ({
    code,
    procedureCode: demo.code,
    procedureName: demo.name,
    procedureVersionHash: 'demo',
    channel: 'counter',
    applicantName: 'Nguyễn Văn An',
    applicantIdNumber: '001099012345',
    documents: [],
    steps: steps(done) as unknown as object[],
    statusCode: DOSSIER_STATUSES[key].code,
    statusKey: key,
    receivingAgencyCode: demo.receivingAgency,
    submittedAt: received,
    receivedAt: received,
    dueAt: new Date(received.getTime() + 15 * DAY),
    calendarVersion: 'demo',
    projectionVersion: 1,
    accessCodeHash: hashAccessCode(PEPPER, ACCESS_CODE),
    ...extra,
  });
  const codes = {
    processing: '000.00.01.H56-261123-0001',
    supplement: '000.00.01.H56-261123-0002',
    extended: '000.00.01.H56-261123-0003',
    returned: '000.00.01.H56-261123-0004',
  };
  await db.dossier.createMany({
    data: [
      row(codes.processing, 'processing', 1),
      // Online, so that its supplement page (/bo-sung) is open.
      row(codes.supplement, 'awaiting_supplement', 1, { supplementCount: 1, channel: 'online' }),
      row(codes.extended, 'processing', 2, {
        extensionCount: 1,
        originalDueAt: new Date(received.getTime() + 15 * DAY),
        dueAt: new Date(received.getTime() + 20 * DAY),
      }),
      row(codes.returned, 'returned', demo.steps.length, {
        finishedAt: new Date(at(12)),
        returnedAt: new Date(at(20)),
        onTime: true,
      }),
    ],
  });
  await db.dossierEvent.create({
    data: {
      key: `${codes.supplement}:wf:1`,
      dossierCode: codes.supplement,
      action: 'requestSupplement',
      actor: 'justice.specialist',
      outcome: 'applied',
      detail: { reason: 'Thiếu bản vẽ', documents: ['Bản vẽ hiện trạng nhà ở', 'Giấy ủy quyền (bản chính)'] },
      at: new Date(at(3)),
    },
  });

  // A published answer, for the feedback form's list and the case page with its rating form.
  const feedbackCode = 'PAKN-261123-0001';
  await db.feedbackCase.create({
    data: {
      code: feedbackCode,
      category: 'handling',
      channel: 'web',
      subject: 'Hồ sơ trễ hẹn hai ngày',
      content: 'Hồ sơ cấp phép xây dựng của tôi trễ hẹn hai ngày mà chưa có thư xin lỗi.',
      contactName: 'Trần Thị Bình',
      contactPhone: '0912345678',
      consentToPublish: true,
      accessCodeHash: hashAccessCode(PEPPER, ACCESS_CODE),
      deskAgencyCode: demo.receivingAgency,
      assignedAgencyCode: demo.receivingAgency,
      status: 'published',
      receivedAt: received,
      dueAt: new Date(received.getTime() + 10 * DAY),
      answer: 'Hồ sơ đã được trả kết quả ngày 25/11; Trung tâm xin lỗi Ông/Bà vì sự chậm trễ.',
      answeredAt: new Date(at(48)),
      onTime: true,
      publishedAt: new Date(at(50)),
    },
  });

  const staff = { username: 'admin', password: 'demo' };
  await seedDemoProvince(db, { password: staff.password });

  const baseUrl = 'http://localhost:3000';
  const app = createApp({
    // Never called: the pages and the public JSON view read the database only.
    temporal: new Client(),
    taskQueue: 'pages-demo',
    db,
    logger: pino({ level: 'warn' }),
    jwtSecret: new Uint8Array(32),
    accessCodePepper: PEPPER,
    tokenTtl: '1h',
    publicBaseUrl: baseUrl,
    procedures,
    agencies: DEMO_AGENCIES,
    forms: createFormRenderer({ db, publicBaseUrl: baseUrl }),
    rateLimits: { publicRead: { windowMs: 60_000, limit: 1e9 } },
    documents: { store: localDocumentStore(path.join(dir, 'documents')), limits: DEFAULT_DOCUMENT_LIMITS },
  });
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  return {
    origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    codes,
    feedbackCode,
    accessCode: ACCESS_CODE,
    procedureCode: demo.code,
    staff,
    month: { from: '2026-11-01', to: '2026-11-30' },
    async stop() {
      await new Promise((resolve) => http.close(resolve));
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
