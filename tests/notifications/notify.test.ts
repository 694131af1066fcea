import { ApplicationFailure } from '@temporalio/common';
import pino from 'pino';
import { renderForm } from '../../activities/forms';
import { createEmailChannel, createSmsChannel, type Sender } from '../../activities/notifications/channels';
import { createNotificationActivities, notificationKey } from '../../activities/notifications/notify';
import type { DeliveryChannel, NotifyInput } from '../../domain/notifications';
import { readPdf } from '../forms/support';
import { PROVIDERS } from '../harness/databases';
import {
  PROCEDURE,
  openTestDatabase,
  seedDossier,
  type DossierSeed,
  type TestDatabase,
  received,
} from './database';
import { startSmtpServer, startTwilioDouble, twilioError, type HttpDouble, type SmtpDouble } from './support';

const BASE = 'http://localhost:3000';

let database: TestDatabase;
let smtp: SmtpDouble;
let twilioApi: HttpDouble;

const accountSid = `AC${'3'.repeat(32)}`;

beforeEach(async () => {
  smtp = await startSmtpServer();
  twilioApi = await startTwilioDouble();
});

/** Every channel a test made; their pooled connections are closed before the servers stop. */
let senders: Sender[] = [];

afterEach(async () => {
  for (const sender of senders) sender.close?.();
  senders = [];
  await smtp.close();
  await twilioApi.close();
});

const dossier = (seed: DossierSeed) => seedDossier(database, seed);

function activities(channels: DeliveryChannel[] = ['email', 'sms']) {
  const all: Record<DeliveryChannel, () => Sender> = {
    email: () => createEmailChannel({ smtpUrl: smtp.url, from: 'Một cửa <no-reply@motcua.test>' }),
    sms: () =>
      createSmsChannel({ accountSid, authToken: 'tok', from: '+15005550006', apiBaseUrl: twilioApi.url }),
    zalo: () => {
      throw new Error('not used');
    },
  };
  return createNotificationActivities({
    db: database.prisma,
    channels: Object.fromEntries(
      channels.map((c) => {
        const sender = all[c]();
        senders.push(sender);
        return [c, sender];
      }),
    ),
    publicBaseUrl: BASE,
    logger: pino({ level: 'silent' }),
    renderForm,
    letterhead: { governingBody: 'UBND tỉnh Bình Phước', place: 'Đồng Xoài' },
  });
}

/** The outbox row of a receipt e-mail to the applicant that an earlier attempt left, tried once. */
const leftBehind = (input: NotifyInput, row: { body: string; status?: string }) =>
  database.prisma.notification.create({
    data: {
      idempotencyKey: notificationKey(input, 'email', 'anh.nguyen@example.vn'),
      dossierCode: input.dossierCode,
      occasion: 'received',
      template: 'received.citizen.vi',
      audience: 'citizen',
      channel: 'email',
      recipient: 'anh.nguyen@example.vn',
      recipientMasked: 'a***@example.vn',
      attempts: 1,
      ...row,
    },
  });

const rows = (code: string) =>
  database.prisma.notification.findMany({ where: { dossierCode: code }, orderBy: { createdAt: 'asc' } });

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );
}

// Production's outbox is in PostgreSQL, development's in SQLite: the suite proves both.
describe.each(PROVIDERS)('on %s', (provider) => {
  beforeAll(async () => {
    database = await openTestDatabase(provider);
  });
  afterAll(() => database.dispose());

  describe('notify', () => {
    it('texts a citizen who left a phone number, and records the delivery in the outbox', async () => {
      const code = await dossier({ applicantPhone: '0912 345 678', applicantEmail: 'anh.nguyen@example.vn' });
      const result = await activities().notify(received(code));

      expect(result).toMatchObject({ sent: 1, skipped: 0, failed: 0 });
      expect(twilioApi.requests).toHaveLength(1);
      const form = new URLSearchParams(twilioApi.requests[0].body);
      expect(form.get('To')).toBe('+84912345678');
      expect(form.get('Body')).toBe(
        `Hồ sơ đã tiếp nhận, hẹn trả 17h00 11/12/2026. Tra cứu: ${BASE}/tra-cuu/${code}`,
      );
      expect(smtp.received).toHaveLength(0);

      const [row] = await rows(code);
      expect(row).toMatchObject({
        idempotencyKey: notificationKey(received(code), 'sms', '+84912345678'),
        occasion: 'received',
        audience: 'citizen',
        channel: 'sms',
        recipient: '+84912345678',
        recipientMasked: '09******78',
        status: 'sent',
        attempts: 1,
        providerMessageId: result.deliveries[0].providerMessageId,
      });
      expect(row.sentAt).toBeInstanceOf(Date);
    });

    it('e-mails a citizen who left only an e-mail address', async () => {
      const code = await dossier({ applicantEmail: 'anh.nguyen@example.vn' });
      await activities().notify(received(code));

      expect(twilioApi.requests).toHaveLength(0);
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0];
      expect(mail.subject).toBe(`Hồ sơ ${code}: đã được tiếp nhận`);
      expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Ánh,');
      expect(mail.text).toContain('Thời gian hẹn trả kết quả: 17 giờ 00 phút, ngày 11/12/2026');
      expect(mail.text).toContain(`${BASE}/tra-cuu/${code}`);
      expect((await rows(code))[0]).toMatchObject({
        channel: 'email',
        recipientMasked: 'a***@example.vn',
        status: 'sent',
      });
    });

    it('sends the extension by e-mail with the apology letter of the 2025 form set attached', async () => {
      const code = await dossier({ applicantPhone: '0912345678', applicantEmail: 'anh.nguyen@example.vn' });
      const result = await activities().notify({
        dossierCode: code,
        occasion: 'extended',
        occurrence: 'extension',
        audience: { kind: 'citizen' },
        data: {
          code,
          procedureName: PROCEDURE.name,
          reason: 'Cần lấy ý kiến cơ quan quản lý đê điều',
          previousDueAt: '2026-12-11T17:00:00+07:00',
          dueAt: '2026-12-18T17:00:00+07:00',
        },
      });

      expect(result.sent).toBe(1);
      expect(twilioApi.requests).toHaveLength(0);
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0];
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('anh.nguyen@example.vn');
      expect(mail.subject).toBe(`Hồ sơ ${code}: xin lỗi và hẹn lại ngày trả kết quả`);
      expect(mail.text).toContain('Lý do: Cần lấy ý kiến cơ quan quản lý đê điều');
      expect(mail.attachments).toHaveLength(1);
      const [pdf] = mail.attachments;
      expect(pdf).toMatchObject({ contentType: 'application/pdf', filename: `xin-loi-${code}.pdf` });

      const letter = (await readPdf(pdf.content)).text.replace(/\s+/g, '');
      for (const expected of [
        'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
        'SỞ XÂY DỰNG',
        `Mã hồ sơ: ${code}`,
        'Kính gửi: Ông/Bà Nguyễn Thị Ánh; Trung tâm Phục vụ hành chính công tỉnh',
        'hẹn trả kết quả lúc 17 giờ 00 phút, ngày 11/12/2026',
        'Lý do: Cần lấy ý kiến cơ quan quản lý đê điều',
        'giải quyết hồ sơ đến: 17 giờ 00 phút, ngày 18/12/2026',
      ]) {
        expect(letter).toContain(expected.replace(/\s+/g, ''));
      }
      const [row] = await rows(code);
      expect(row.attachments).toEqual([
        expect.objectContaining({
          filename: `xin-loi-${code}.pdf`,
          contentType: 'application/pdf',
          bytes: pdf.size,
        }),
      ]);
    });

    it('attaches the 2018 apology to the overdue notice of a dossier received before 01/07/2025', async () => {
      const code = await dossier({
        applicantEmail: 'anh.nguyen@example.vn',
        receivedAt: '2025-06-20T09:00:00+07:00',
      });
      await activities().notify({
        dossierCode: code,
        occasion: 'overdue_apology',
        occurrence: 'overdue@2025-07-15T10:00:00.000Z',
        audience: { kind: 'citizen' },
        data: { code, procedureName: PROCEDURE.name, dueAt: '2025-07-15T17:00:00+07:00' },
      });
      const letter = (await readPdf(smtp.received[0].attachments[0].content)).text;
      expect(letter).toContain('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
      expect(letter).toContain('Hồ sơ chưa được giải quyết xong trong thời hạn quy định.');
    });

    it('tells the staff of the agency in the roles asked for, each by name', async () => {
      const code = await dossier({ applicantEmail: 'anh.nguyen@example.vn' });
      const result = await activities().notify({
        dossierCode: code,
        occasion: 'transferred',
        occurrence: 'step:appraisal',
        audience: { kind: 'staff', agencyCode: 'construction', roles: ['specialist'] },
        data: {
          code,
          procedureName: PROCEDURE.name,
          stepName: 'Thẩm định hồ sơ',
          stepDueAt: '2026-12-04T17:00:00+07:00',
        },
      });
      expect(result).toMatchObject({ sent: 2, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].text).toContain('Kính gửi Trần Văn Bình,');
      expect(smtp.received[0].subject).toBe(`Hồ sơ ${code} chuyển đến: Thẩm định hồ sơ`);
      expect(twilioApi.requests).toHaveLength(1);
      expect(new URLSearchParams(twilioApi.requests[0].body).get('To')).toBe('+84987654321');
      expect((await rows(code)).map((r) => r.recipientMasked).sort()).toEqual([
        '09******21',
        'b***@xaydung.example.vn',
      ]);
    });

    describe('exactly once', () => {
      it('retries after an SMTP 451 and delivers a single message', async () => {
        const code = await dossier({ applicantEmail: 'anh.nguyen@example.vn' });
        smtp.onRcpt = (_address, attempt) =>
          attempt === 1 ? { code: 451, message: '4.3.0 Try again later' } : undefined;
        const { notify } = activities();

        const err = await failureOf(notify(received(code)));
        expect(err).not.toBeInstanceOf(ApplicationFailure);
        expect(smtp.received).toHaveLength(0);
        const [row] = await rows(code);
        expect(row).toMatchObject({ status: 'queued', attempts: 1 });
        expect(row.lastError).toContain('451');

        await notify(received(code));
        expect(smtp.received).toHaveLength(1);
        expect((await rows(code))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

        const again = await notify(received(code));
        expect(again.deliveries[0].status).toBe('already_sent');
        expect(smtp.received).toHaveLength(1);
      });

      it('sends once when a worker died between the outbox write and the send', async () => {
        const code = await dossier({ applicantEmail: 'anh.nguyen@example.vn' });
        const input = received(code);
        // What a killed worker leaves behind: the queued row, nothing sent.
        await leftBehind(input, { body: 'written before the crash' });

        const result = await activities().notify(input);
        expect(result.deliveries[0].status).toBe('sent');
        await activities().notify(input);
        expect(smtp.received).toHaveLength(1);
        const all = await rows(code);
        expect(all).toHaveLength(1);
        expect(all[0]).toMatchObject({ status: 'sent', attempts: 2 });
      });

      it('leaves a row another attempt is sending alone, and takes it over once that claim is stale', async () => {
        const code = await dossier({ applicantEmail: 'anh.nguyen@example.vn' });
        const input = received(code);
        const key = notificationKey(input, 'email', 'anh.nguyen@example.vn');
        await leftBehind(input, { body: 'claimed by a worker that then died', status: 'sending' });

        const busy = await failureOf(activities().notify(input));
        expect(busy).not.toBeInstanceOf(ApplicationFailure);
        expect((busy as Error).message).toContain('being sent by another attempt');
        expect(smtp.received).toHaveLength(0);

        await database.prisma.notification.update({
          where: { idempotencyKey: key },
          data: { updatedAt: new Date(Date.now() - 10 * 60_000) },
        });
        await activities().notify(input);
        expect(smtp.received).toHaveLength(1);
        expect((await rows(code))[0]).toMatchObject({ status: 'sent', attempts: 2 });
      });

      it('does not send twice when two attempts race on the same notification', async () => {
        const code = await dossier({ applicantEmail: 'anh.nguyen@example.vn' });
        const outcomes = await Promise.allSettled([
          activities().notify(received(code)),
          activities().notify(received(code)),
        ]);
        expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
        expect(smtp.received).toHaveLength(1);
      });
    });

    describe('permanent failures', () => {
      it('records a mailbox refused with 550 as failed, fails without retry and never tries it again', async () => {
        const code = await dossier({ applicantEmail: 'nobody@example.vn' });
        smtp.onRcpt = () => ({ code: 550, message: '5.1.1 Mailbox does not exist' });
        const { notify } = activities();

        const err = await failureOf(notify(received(code)));
        expect(err).toBeInstanceOf(ApplicationFailure);
        expect(err).toMatchObject({ nonRetryable: true, type: 'UNDELIVERABLE' });
        const [row] = await rows(code);
        expect(row).toMatchObject({ status: 'failed', attempts: 1 });
        expect(row.lastError).toContain('550');

        const attempts = smtp.rcptAttempts;
        await failureOf(notify(received(code)));
        expect(smtp.rcptAttempts).toBe(attempts);
      });

      it('falls back to e-mail when twilio rejects the number with 21211', async () => {
        const code = await dossier({ applicantPhone: '0912345678', applicantEmail: 'anh.nguyen@example.vn' });
        twilioApi.respond = () =>
          twilioError(400, 21211, "The 'To' number +84912345678 is not a valid phone number.");
        const result = await activities().notify(received(code));

        expect(result).toMatchObject({ sent: 1, failed: 0 });
        expect(smtp.received).toHaveLength(1);
        const byChannel = Object.fromEntries((await rows(code)).map((r) => [r.channel, r]));
        expect(byChannel.sms).toMatchObject({ status: 'failed' });
        expect(byChannel.sms.lastError).toContain('not a valid phone number');
        expect(byChannel.email).toMatchObject({ status: 'sent' });
      });

      it('fails without retry, and writes nothing, when the template lacks a field', async () => {
        const code = await dossier({ applicantEmail: 'anh.nguyen@example.vn' });
        const data = { ...received(code).data };
        delete data.dueAt;
        const err = await failureOf(activities().notify({ ...received(code), data }));
        expect(err).toMatchObject({ nonRetryable: true, type: 'TemplateFieldError' });
        expect((err as Error).message).toContain('field "dueAt" is missing');
        expect(await rows(code)).toHaveLength(0);
        expect(smtp.received).toHaveLength(0);
      });
    });

    it('retries while the dossier is not in the read model yet', async () => {
      const err = await failureOf(activities().notify(received('000.00.01.H56-261120-9999')));
      expect(err).not.toBeInstanceOf(ApplicationFailure);
      expect((err as Error).message).toContain('not in the read model yet');
    });

    it('skips a citizen who left no address, without failing', async () => {
      const code = await dossier({});
      const result = await activities().notify(received(code));
      expect(result).toMatchObject({ sent: 0, skipped: 1, failed: 0 });
      expect(await rows(code)).toHaveLength(0);
    });
  });
});
