import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readPdf } from '../forms/support';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, as, bodyOf, DEMO, DOCUMENTS, errorCode, eventually, pdfOf, type Body } from './support';

/**
 * At the counter an incomplete dossier is not received: the clerk returns it with guidance (form 02) or
 * refuses it with reasons (form 03) on the spot (docs/rules.md B2, D1). It is kept under a code with its form.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const Created = z.object({
  code: z.string(),
  status: z.object({ key: z.string() }),
  dueAt: z.string().nullable(),
});
const State = z.object({ status: z.object({ key: z.string() }), dueAt: z.string().nullish() });

async function atCounter(notReceived: Body) {
  return as(stack, 'centre.receiver').post(
    '/dossiers',
    { procedureCode: DEMO, channel: 'counter', applicant: APPLICANT, documents: DOCUMENTS, notReceived },
    randomUUID(),
  );
}

async function formText(code: string, form: string): Promise<string> {
  const pdf = await pdfOf(stack, `/dossiers/${code}/forms/${form}`, 'centre.receiver');
  expect(pdf.status).toBe(200);
  return (await readPdf(pdf.body)).text;
}

test('returned with guidance: form 02 lists what is missing, no time limit runs until it is complete', async () => {
  const res = await atCounter({
    decision: 'guidance',
    reason: 'Thiếu bản sao giấy tờ',
    missingDocuments: ['Giấy tờ kèm theo (minh họa)'],
  });
  expect(res.status).toBe(201);
  const created = bodyOf(res, Created);
  expect(created).toMatchObject({ status: { key: 'awaiting_supplement' }, dueAt: null });
  const { code } = created;

  await eventually(async () =>
    expect(await formText(code, 'supplement-request')).toContain('Giấy tờ kèm theo'),
  );
  // Guidance is given once, in one go (118 Art. 16(3)).
  const again = await as(stack, 'centre.receiver').post(`/dossiers/${code}/request-completion`, {
    reason: 'Thiếu nữa',
    missingDocuments: ['Đơn'],
  });
  expect(errorCode(again)).toBe('COMPLETION_ALREADY_REQUESTED');

  // The citizen comes back with it: the desk takes the documents, then receives the dossier.
  const completed = await as(stack, 'centre.receiver').post(`/dossiers/${code}/supplement`, {
    documents: [{ name: 'Giấy tờ kèm theo (minh họa)', form: 'copy' }],
  });
  expect(bodyOf(completed, State).status.key).toBe('submitted');
  const received = bodyOf(await as(stack, 'centre.receiver').post(`/dossiers/${code}/accept`), State);
  expect(received.status.key).not.toBe('submitted');
  expect(received.dueAt).toEqual(expect.any(String));
});

test('refused at the counter: form 03 gives the reasons, and the dossier is closed', async () => {
  const res = await atCounter({ decision: 'refusal', reason: 'Không thuộc thẩm quyền giải quyết' });
  expect(res.status).toBe(201);
  const { code, status } = bodyOf(res, Created);
  expect(status.key).toBe('not_accepted');
  await eventually(async () =>
    expect(await formText(code, 'refusal')).toContain('Không thuộc thẩm quyền giải quyết'),
  );
  const late = await as(stack, 'centre.receiver').post(`/dossiers/${code}/accept`);
  expect(errorCode(late)).toBe('DOSSIER_CLOSED');
});

test('guidance without the missing documents is refused with the field named', async () => {
  const res = await atCounter({ decision: 'guidance', reason: 'Thiếu' });
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toContain('notReceived.missingDocuments');
});
