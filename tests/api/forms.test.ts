import { z } from 'zod';
import { readPdf } from '../forms/support';
import { startTestStack, type TestStack } from '../harness/stack';
import request from 'supertest';
import { formatDateTimeShort, formatDateTimeVi } from '../../domain/notifications/format';
import {
  APPLICANT,
  as,
  bodyOf,
  DEMO,
  errorCode,
  eventually,
  HOUSEHOLD,
  itemsOf,
  pdfOf,
  receive,
} from './support';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

test('the receipt and the process control slip of a dossier come as PDF with its data in Vietnamese', async () => {
  const code = await receive(stack, DEMO);
  await eventually(async () => {
    const res = await as(stack, 'centre.receiver').get(`/dossiers/${code}`);
    const { steps } = bodyOf(res, z.object({ steps: z.array(z.object({ state: z.string() })).optional() }));
    if (steps?.[0]?.state !== 'active') throw new Error('not projected yet');
  });

  const receipt = await pdfOf(stack, `/dossiers/${code}/forms/receipt`, 'centre.receiver');
  expect(receipt.status).toBe(200);
  expect(receipt.type).toBe('application/pdf');
  const text = (await readPdf(receipt.body)).text;
  expect(text).toContain(code);
  expect(text.toLowerCase()).toContain('giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  expect(text).toContain(APPLICANT.fullName);
  expect(text).toContain('Thủ tục minh họa (demo)');

  const control = await pdfOf(stack, `/dossiers/${code}/forms/process-control`, 'justice.specialist');
  expect(control.status).toBe(200);
  expect((await readPdf(control.body)).text.toLowerCase()).toContain(
    'phiếu kiểm soát quá trình giải quyết hồ sơ',
  );
});

// Row H2: a limit in days ends at midnight, when the desk is closed; the citizen is given its last session.
test('the receipt, the dossier views and the tracking page give the desk session of the due day', async () => {
  const code = await receive(stack, HOUSEHOLD);
  const Appointment = z.object({
    dueAt: z.string(),
    returnAppointment: z.object({ from: z.string(), to: z.string() }).nullable(),
  });
  const view = await eventually(async () => {
    const res = await as(stack, 'commune.receiver').get(`/dossiers/${code}`);
    const body = bodyOf(res, Appointment);
    if (!body.returnAppointment) throw new Error('not projected yet');
    return { ...body, returnAppointment: body.returnAppointment };
  });
  const { from, to } = view.returnAppointment;
  // Within the due day, and before its legal end, against which timeliness is still judged.
  expect(to.slice(0, 10)).toBe(view.dueAt.slice(0, 10));
  expect(Date.parse(from)).toBeLessThan(Date.parse(to));
  expect(Date.parse(to)).toBeLessThan(Date.parse(view.dueAt));
  expect(view.dueAt).toContain('T23:59:59');

  const tracking = await as(stack).get(`/public/dossiers/${code}`);
  expect(bodyOf(tracking, Appointment).returnAppointment).toEqual(view.returnAppointment);

  const printed = await pdfOf(stack, `/dossiers/${code}/forms/receipt`, 'commune.receiver');
  const text = (await readPdf(printed.body)).text;
  expect(text).toContain(`- ${formatDateTimeShort(to)}`);
  expect(text).not.toContain('23h59');

  const page = await request(stack.app).get(`/tra-cuu/${code}`);
  expect(page.text).toContain(`đến ${formatDateTimeVi(to)}`);
  expect(page.text).not.toContain('23h59');
});

test('a form the dossier does not have is 404, a stranger gets 403, an unknown form 400', async () => {
  const code = await receive(stack, DEMO);
  const apology = await as(stack, 'centre.receiver').get(`/dossiers/${code}/forms/apology`);
  expect([apology.status, errorCode(apology)]).toEqual([404, 'NOT_FOUND']);
  const stranger = await as(stack, 'tax.specialist').get(`/dossiers/${code}/forms/receipt`);
  expect([stranger.status, errorCode(stranger)]).toEqual([403, 'FORBIDDEN']);
  const unknown = await as(stack, 'centre.receiver').get(`/dossiers/${code}/forms/birthday-card`);
  expect([unknown.status, errorCode(unknown)]).toEqual([400, 'VALIDATION_FAILED']);
});

test('B7: a birth registration has a receipt only when the citizen asked for one, and is logged either way', async () => {
  const BIRTH = '1.001193';
  const receiptOf = async (code: string) => {
    // Wait until the receipt is projected: the dossier's log shows it.
    await eventually(async () => {
      const res = await as(stack, 'commune.receiver').get(`/dossiers/${code}/events`);
      const actions = itemsOf(res, z.object({ action: z.string() })).map((e) => e.action);
      if (!actions.includes('receive')) throw new Error('not projected yet');
    });
    return as(stack, 'commune.receiver').get(`/dossiers/${code}/forms/receipt`);
  };
  const without = await receiptOf(await receive(stack, BIRTH));
  expect([without.status, errorCode(without)]).toEqual([404, 'NOT_FOUND']);
  const asked = await receiptOf(await receive(stack, BIRTH, { receiptRequested: true }));
  expect(asked.status).toBe(200);
});

test('a desk prints its tracking book for a period; another desk may not', async () => {
  const code = await receive(stack, DEMO);
  await eventually(async () => {
    const res = await as(stack, 'centre.receiver').get(`/dossiers/${code}`);
    if (res.status !== 200 || !bodyOf(res, z.object({ receivedAt: z.string().nullish() })).receivedAt)
      throw new Error('not projected yet');
  });
  const day = code.split('-')[1];
  const date = `20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4, 6)}`;
  const book = await pdfOf(stack, `/forms/tracking-book?from=${date}&to=${date}`, 'centre.receiver');
  expect(book.status).toBe(200);
  const text = (await readPdf(book.body)).text;
  expect(text.toLowerCase()).toContain('sổ theo dõi hồ sơ');
  expect(text).toContain(code);

  const other = await as(stack, 'commune.receiver').get(
    `/forms/tracking-book?from=${date}&to=${date}&agency=centre`,
  );
  expect([other.status, errorCode(other)]).toEqual([403, 'FORBIDDEN']);
  const reversed = await as(stack, 'centre.receiver').get(`/forms/tracking-book?from=${date}&to=2020-01-01`);
  expect([reversed.status, errorCode(reversed)]).toEqual([400, 'VALIDATION_FAILED']);
});
