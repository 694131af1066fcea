import {
  FormNotAvailableError,
  loadFormData,
  loadTrackingBookData,
  renderForm,
  type DossierFormKind,
} from '../../activities/forms';
import { PROCEDURE, openTestDatabase, seedDossier, type TestDatabase } from '../notifications/database';
import { readPdf } from './support';

const BASE = 'http://localhost:3000';
let database: TestDatabase;
let code: string;

async function event(
  action: string,
  actor: string,
  at: string,
  detail: Record<string, string | string[]>,
  fromStatus = 4,
) {
  const seq = (await database.prisma.dossierEvent.count({ where: { dossierCode: code } })) + 1;
  await database.prisma.dossierEvent.create({
    data: {
      key: `${code}:wf:${seq}`,
      dossierCode: code,
      action,
      actor,
      fromStatus,
      outcome: 'applied',
      detail,
      at: new Date(at),
    },
  });
}

beforeAll(async () => {
  database = await openTestDatabase();
  code = await seedDossier(database, {
    applicantPhone: '0912345678',
    originalDueAt: '2026-12-11T17:00:00+07:00',
    dueAt: '2026-12-18T17:00:00+07:00',
    extensionCount: 1,
  });
  // The session of the receipt's due day, kept as the receipt gave it although the dossier was extended.
  await database.prisma.dossier.update({
    where: { code },
    data: {
      receiptAppointmentFrom: new Date('2026-12-11T13:30:00+07:00'),
      receiptAppointmentTo: new Date('2026-12-11T17:00:00+07:00'),
    },
  });
  await event('receive', 'centre.receiver', '2026-11-20T08:30:00+07:00', {}, 1);
  await event('requestSupplement', 'construction.specialist', '2026-11-24T09:15:00+07:00', {
    reason: 'Bản vẽ chưa thể hiện khoảng lùi công trình',
    documents: ['Bản vẽ mặt bằng có chữ ký'],
  });
  await event('extend', 'construction.leader', '2026-12-09T10:00:00+07:00', {
    reason: 'Cần lấy ý kiến cơ quan quản lý đê điều',
    newDueAt: '2026-12-18T17:00:00+07:00',
  });
  await event('refuse', 'construction.leader', '2026-12-15T10:00:00+07:00', {
    reason: 'Công trình vi phạm chỉ giới xây dựng',
  });
  await event('withdraw', 'centre.receiver', '2026-12-16T10:20:00+07:00', {}, 4);
  const handoff = (
    seq: number,
    from: string,
    to: string,
    givenAt: string,
    extra: Record<string, unknown> = {},
  ) =>
    database.prisma.handoff.create({
      data: {
        key: `${code}:h:${seq}`,
        dossierCode: code,
        seq,
        fromAgencyCode: from,
        toAgencyCode: to,
        givenAt: new Date(givenAt),
        ...extra,
      },
    });
  await handoff(1, 'centre', 'construction', '2026-11-20T10:00:00+07:00', {
    givenBy: 'centre.receiver',
    receivedBy: 'construction.specialist',
    receivedAt: new Date('2026-11-20T10:30:00+07:00'),
    result: 'early',
  });
  await handoff(2, 'construction', 'land', '2026-11-27T15:00:00+07:00', {
    result: 'late',
    note: 'Lấy ý kiến đê điều',
  });
  await handoff(3, 'land', 'construction', '2026-12-10T08:00:00+07:00');
});

afterAll(() => database.dispose());

const load = <K extends DossierFormKind>(kind: K) =>
  loadFormData(database.prisma, code, kind, {
    publicBaseUrl: BASE,
    governingBody: 'UBND tỉnh Bình Phước',
    place: 'Đồng Xoài',
  });

describe('loadFormData', () => {
  it('builds the receipt from the dossier, the procedure and the clerk who received it', async () => {
    const data = await load('receipt');
    expect(data).toMatchObject({
      code,
      trackingUrl: `${BASE}/tra-cuu/${code}`,
      agencyName: 'Trung tâm Phục vụ hành chính công tỉnh',
      procedureName: PROCEDURE.name,
      applicantName: 'Nguyễn Thị Ánh',
      applicantPhone: '0912345678',
      documents: [
        { name: 'Đơn đề nghị cấp giấy phép', form: 'original' },
        { name: 'Bản vẽ thiết kế', form: 'copy', quantity: 2 },
      ],
      processingTime: '15 ngày làm việc',
      // The appointment the receipt was issued with, not the extended one.
      dueAt: new Date('2026-12-11T17:00:00+07:00').toISOString(),
      appointmentFrom: new Date('2026-12-11T13:30:00+07:00').toISOString(),
      appointmentTo: new Date('2026-12-11T17:00:00+07:00').toISOString(),
      receiverName: 'Lê Văn Cường',
      fees: '75.000 đồng',
      returnPlace: 'Bộ phận Một cửa - Trung tâm Phục vụ hành chính công tỉnh',
    });
    await expect(renderForm('receipt', data)).resolves.toBeInstanceOf(Buffer);
  });

  it('builds the supplement request from the audit event', async () => {
    const data = await load('supplement-request');
    expect(data).toMatchObject({
      stage: 'appraisal',
      reason: 'Bản vẽ chưa thể hiện khoảng lùi công trình',
      documents: [{ name: 'Bản vẽ mặt bằng có chữ ký', quantity: 1 }],
      guideName: 'Trần Văn Bình',
      issuedAt: new Date('2026-11-24T09:15:00+07:00').toISOString(),
    });
    await expect(renderForm('supplement-request', data)).resolves.toBeInstanceOf(Buffer);
  });

  it('builds the refusal after appraisal', async () => {
    const data = await load('refusal');
    expect(data).toMatchObject({
      stage: 'appraisal',
      reason: 'Công trình vi phạm chỉ giới xây dựng',
      receiverName: 'Hoàng Văn Em',
    });
    await expect(renderForm('refusal', data)).resolves.toBeInstanceOf(Buffer);
  });

  it('builds the apology of an extension: the receipt date, the new date and the leader who signed', async () => {
    const data = await load('apology');
    expect(data).toMatchObject({
      agencyName: 'Sở Xây dựng',
      oneStopName: 'Trung tâm Phục vụ hành chính công tỉnh',
      dueAt: new Date('2026-12-11T17:00:00+07:00').toISOString(),
      newDueAt: new Date('2026-12-18T17:00:00+07:00').toISOString(),
      reason: 'Cần lấy ý kiến cơ quan quản lý đê điều',
      signerTitle: 'GIÁM ĐỐC',
      signerName: 'Hoàng Văn Em',
    });
    const text = (await readPdf(await renderForm('apology', data))).text;
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(text).toContain('UBND TỈNH BÌNH PHƯỚC');
  });

  it('builds the stop notice with the status the dossier had', async () => {
    const data = await load('stop-notice');
    expect(data).toMatchObject({
      stageLabel: 'Đang xử lý',
      requestedAt: new Date('2026-12-16T10:20:00+07:00').toISOString(),
    });
    await expect(renderForm('stop-notice', data)).resolves.toBeInstanceOf(Buffer);
  });

  it('builds the process control slip from the hand-overs, with names and step results', async () => {
    const data = await load('process-control');
    expect(data).toMatchObject({
      handlingAgencyName: 'Sở Xây dựng',
      coordinatingAgencyNames: ['Sở Nông nghiệp và Môi trường'],
      handoffs: [
        {
          agencyName: 'Sở Xây dựng',
          giverName: 'Lê Văn Cường',
          receiverName: 'Trần Văn Bình',
          result: 'early',
        },
        { agencyName: 'Sở Nông nghiệp và Môi trường', result: 'late', note: 'Lấy ý kiến đê điều' },
        { agencyName: 'Sở Xây dựng' },
      ],
    });
    const text = (await readPdf(await renderForm('process-control', data))).text;
    for (const s of ['Trước hạn', 'Quá hạn', 'Đang giải quyết', 'Người giao: Lê Văn Cường'])
      expect(text).toContain(s);
  });

  it('refuses a form that does not apply, or a dossier that does not exist', async () => {
    const other = await seedDossier(database);
    await expect(loadFormData(database.prisma, other, 'refusal', { publicBaseUrl: BASE })).rejects.toThrow(
      FormNotAvailableError,
    );
    await expect(loadFormData(database.prisma, 'nope', 'receipt', { publicBaseUrl: BASE })).rejects.toThrow(
      'form receipt of dossier nope: no such dossier',
    );
  });

  it('lets the caller supply what the read model lacks', async () => {
    const data = await loadFormData(database.prisma, code, 'apology', {
      publicBaseUrl: BASE,
      overrides: { reason: 'Lý do khác', signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' },
    });
    expect(data).toMatchObject({ reason: 'Lý do khác', signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' });
  });
});

describe('loadTrackingBookData', () => {
  it('lists the dossiers the one-stop received in the period, with their hand-over dates', async () => {
    const data = await loadTrackingBookData(database.prisma, {
      agencyCode: 'centre',
      from: new Date('2026-11-01T00:00:00+07:00'),
      to: new Date('2026-11-30T23:59:59+07:00'),
      bookNumber: '03',
    });
    expect(data.agencyName).toBe('Trung tâm Phục vụ hành chính công tỉnh');
    const row = data.rows.find((r) => r.code === code);
    expect(row).toMatchObject({
      procedureName: PROCEDURE.name,
      applicantName: 'Nguyễn Thị Ánh',
      applicantContact: 'Số 12 đường Hùng Vương, phường Tân Phú, 0912345678',
      leadAgencyName: 'Sở Xây dựng',
      transferredAt: new Date('2026-11-20T10:00:00+07:00').toISOString(),
      dueAt: new Date('2026-12-11T17:00:00+07:00').toISOString(),
    });
    const text = (await readPdf(await renderForm('tracking-book', data))).text.replace(/\s+/g, '');
    expect(text).toContain(code.replace(/\s+/g, ''));
    expect(text).toContain('Quyểnsố:03');
  });
});
