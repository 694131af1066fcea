import { Workbook } from 'exceljs';
import request from 'supertest';
import { z } from 'zod';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, errorCode } from '../api/support';
import { PERIOD, seedIndicatorPeriod } from './seed';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await seedIndicatorPeriod(stack.db);
});
afterAll(() => stack.stop());

const PATH = `/stats/indicators?from=${PERIOD.from}&to=${PERIOD.to}`;

/** The parts of the indicator report the tests read; the counts are matched, not listed in full. */
const Report = z.object({
  scope: z.looseObject({ agency: z.string().nullable() }),
  dossiers: z.looseObject({ received: z.number() }),
});

/** The export as bytes, whatever its type. */
async function download(username: string, path: string, accept?: string) {
  const req = request(stack.app)
    .get(`/api/v1${path}`)
    .set('Authorization', `Bearer ${await stack.login(username)}`);
  if (accept) req.set('Accept', accept);
  const res = await req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, type: res.headers['content-type'], body: res.body as Buffer };
}

test('admins and receivers see every agency, a leader their own only, a specialist nothing', async () => {
  const res = await as(stack, 'admin').get(PATH);
  expect(res.status).toBe(200);
  const all = bodyOf(res, Report);
  expect(all.scope).toEqual({ agency: null, procedure: null });
  expect(all.dossiers).toMatchObject({ received: 14, onTime: 8, late: 2, overdueInProgress: 2 });
  expect(bodyOf(await as(stack, 'centre.receiver').get(PATH), Report).dossiers.received).toBe(14);

  const land = bodyOf(await as(stack, 'land.leader').get(PATH), Report);
  expect(land.scope.agency).toBe('land');
  expect(land.dossiers).toMatchObject({ received: 2, finished: 1 });
  const other = await as(stack, 'land.leader').get(`${PATH}&agency=centre`);
  expect([other.status, errorCode(other)]).toEqual([403, 'FORBIDDEN']);
  const specialist = await as(stack, 'land.specialist').get(PATH);
  expect([specialist.status, errorCode(specialist)]).toEqual([403, 'FORBIDDEN']);
});

test('a reversed, unbounded or malformed period is a validation error; an unknown agency is not found', async () => {
  for (const query of [
    'from=2025-11-30&to=2025-11-01',
    'from=2024-01-01&to=2025-12-31',
    'from=2025-11-01',
    'from=2025-11-01&to=2025-11-30&format=pdf',
  ]) {
    const res = await as(stack, 'admin').get(`/stats/indicators?${query}`);
    expect([res.status, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
  }
  const unknown = await as(stack, 'admin').get(`${PATH}&agency=nowhere`);
  expect([unknown.status, errorCode(unknown)]).toEqual([404, 'NOT_FOUND']);
});

test('Accept: text/csv exports the same figures, with a byte-order mark for Excel', async () => {
  const csv = await download('admin', PATH, 'text/csv');
  expect(csv.status).toBe(200);
  expect(csv.type).toBe('text/csv; charset=utf-8');
  const text = csv.body.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split(/\r?\n/);
  expect(lines[0]).toBe('group,id,name,numerator,denominator,value,points,maxPoints,measurable,note');
  expect(lines).toContain('dossiers,received,,,,14,,,,');
  expect(lines.find((l) => l.startsWith('indicators,2.1,'))).toContain(
    'indicators,2.1,"Hồ sơ xử lý trước hạn, đúng hạn",10,14,0.7143,14.286,20,true,',
  );
});

test('format=xlsx exports a workbook that reads back to the same figures', async () => {
  const xlsx = await download('admin', `${PATH}&format=xlsx`);
  expect(xlsx.status).toBe(200);
  expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new Workbook();
  await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  const rows = workbook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
  const row = (group: string, id: string) => rows.find((r) => r[1] === group && r[2] === id)?.slice(1);
  expect(row('dossiers', 'carriedOver')).toEqual([
    'dossiers',
    'carriedOver',
    undefined,
    undefined,
    undefined,
    1,
  ]);
  expect(row('indicators', '3.6')?.slice(3, 9)).toEqual([1, 2, 0.5, 3, 6, true]);
  expect(row('ratings', 'resultTime')?.slice(4, 6)).toEqual([3, 3.6667]);
});
