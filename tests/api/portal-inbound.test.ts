import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { z } from 'zod';
import type { PortalInboundAccess } from '../../api/services';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';
import { localDocumentStore } from '../../platform/documents';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, as, bodyOf, DEMO, errorOf, eventually, type Body } from './support';

/** Dossiers submitted on the national portal, pushed to MotCua, and reported back through the sync. */
const SECRET = 'the shared secret of the portal push, for the test';
const ACCESS: PortalInboundAccess = { secret: SECRET };
let simulator: PortalSimulator;
let stack: TestStack;
let folder: string;
beforeAll(async () => {
  simulator = await startPortalSimulator();
  stack = await startTestStack({ portal: simulator, app: { portalInbound: ACCESS } });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-portal-inbound-test-'));
});
afterAll(async () => {
  await stack.stop();
  await simulator.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let pushed = 0;
/** A dossier as the portal pushes it, under a portal code of its own. */
const portalDossier = (extra: Body = {}): Body => ({
  MaHoSo: `G22.99-261127-${String((pushed += 1)).padStart(4, '0')}`,
  MaTTHC: DEMO,
  ChuHoSo: APPLICANT.fullName,
  SoGiayToChuHoSo: APPLICANT.idNumber,
  SoDienThoai: APPLICANT.phone,
  TaiLieuNop: [
    { TenThanhPhanHoSo: 'Đơn đề nghị', TenTepDinhKem: 'don.pdf', NoiDungTep: PDF.toString('base64') },
    { TenThanhPhanHoSo: 'Bản sao giấy tờ tùy thân' },
  ],
  ...extra,
});

const Answer = z.object({
  error_code: z.number(),
  data: z.object({ MaHoSo: z.string(), MaHoSoDiaPhuong: z.string() }),
});
const Failed = z.object({ error_code: z.literal(-1) });

const push = (body: Body, opts: { app?: express.Express; secret?: string; forwardedFor?: string } = {}) => {
  const req = request(opts.app ?? stack.app).post('/api/v1/portal/inbound/dossiers');
  if (opts.secret !== '') req.set('X-Portal-Secret', opts.secret ?? SECRET);
  if (opts.forwardedFor) req.set('X-Forwarded-For', opts.forwardedFor);
  return req.send(body);
};

/** The markers of the dossier's accepted record deliveries, in the order the portal took them. */
const deliveries = (code: string) =>
  simulator.calls
    .filter(
      (c) => c.service === 'DongBoHoSoMC' && c.answer?.error_code === 0 && c.change?.startsWith(`${code}#`),
    )
    .map((c) => c.change!.slice(code.length + 1));

const Detail = z.object({
  channel: z.string(),
  status: z.object({ key: z.string() }),
  documents: z.array(z.object({ name: z.string(), file: z.object({ sha256: z.string() }).nullable() })),
});

test('a dossier pushed by the portal waits for acceptance, lives to its return and reports back in order', async () => {
  const res = await push(portalDossier());
  expect(res.status).toBe(200);
  const answer = bodyOf(res, Answer);
  expect(answer.error_code).toBe(0);
  const code = answer.data.MaHoSoDiaPhuong;

  const detail = bodyOf(await as(stack, 'centre.receiver').get(`/dossiers/${code}`), Detail);
  expect(detail).toMatchObject({ channel: 'online', status: { key: 'submitted' } });
  expect(detail.documents.map((d) => d.file !== null)).toEqual([true, false]);
  const file = await request(stack.app)
    .get(`/api/v1/dossiers/${code}/documents/0/file`)
    .set('Authorization', `Bearer ${await stack.login('centre.receiver')}`)
    .buffer(true);
  expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);

  const act = async (user: string, action: string, body: Body = {}) =>
    expect((await as(stack, user).post(`/dossiers/${code}/${action}`, body)).status).toBe(200);
  await act('centre.receiver', 'accept');
  await act('justice.specialist', 'complete-step', { stepId: 'review' });
  await act('land.specialist', 'complete-step', { stepId: 'land-opinion' });
  await act('construction.specialist', 'complete-step', { stepId: 'construction-opinion' });
  await act('justice.leader', 'approve');
  await act('centre.receiver', 'return-result', { method: 'counter' });

  const returned = await eventually(async () => {
    const record = simulator.dossiers.get(code);
    expect(record?.TrangThaiHoSo).toBe('10');
    return record!;
  }, 30_000);
  expect(returned.KenhThucHien).toBe('2');
  // Every change once, in the order it happened.
  const numbered = deliveries(code).map(Number);
  expect(numbered).toEqual([...numbered].sort((a, b) => a - b));
  expect(numbered).toEqual([...new Set(numbered)]);
  expect(numbered.length).toBeGreaterThanOrEqual(6);
});

test('a repeat, even a concurrent one, answers the same dossier as a duplicate', async () => {
  const body = portalDossier();
  const answers = (await Promise.all([1, 2, 3, 4].map(() => push(body)))).map((r) => bodyOf(r, Answer));
  expect(answers.map((a) => a.error_code).sort()).toEqual([0, 1, 1, 1]);
  const codes = new Set(answers.map((a) => a.data.MaHoSoDiaPhuong));
  expect(codes.size).toBe(1);

  const again = bodyOf(await push(body), Answer);
  expect(again).toMatchObject({
    error_code: 1,
    data: { MaHoSo: body.MaHoSo, MaHoSoDiaPhuong: [...codes][0] },
  });
});

test('a wrong or missing secret, an address not allowed, or no configuration: refused', async () => {
  for (const secret of ['not the secret', '']) {
    const res = await push(portalDossier(), { secret });
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    bodyOf(res, Failed);
  }

  const elsewhere = stack.appWith({ portalInbound: { ...ACCESS, addresses: ['203.0.113.0/24'] } });
  const refused = await push(portalDossier(), { app: elsewhere });
  expect(refused.status).toBe(403);
  bodyOf(refused, Failed);
  // The portal's own address as a trusted proxy names it; without `trust proxy` the header is not believed.
  const behindProxy = stack.appWith({
    trustProxy: 'loopback',
    portalInbound: { ...ACCESS, addresses: ['203.0.113.7'] },
  });
  expect((await push(portalDossier(), { app: behindProxy, forwardedFor: '203.0.113.7' })).status).toBe(200);
  expect((await push(portalDossier(), { app: behindProxy, forwardedFor: '203.0.113.8' })).status).toBe(403);
  expect((await push(portalDossier(), { app: elsewhere, forwardedFor: '203.0.113.7' })).status).toBe(403);
  expect(
    (
      await push(portalDossier(), {
        app: stack.appWith({ portalInbound: { ...ACCESS, addresses: ['127.0.0.1'] } }),
      })
    ).status,
  ).toBe(200);

  const off = await push(portalDossier(), { app: stack.appWith({ portalInbound: undefined }) });
  expect(off.status).toBe(403);
  expect(errorOf(off).code).toBe('PORTAL_INBOUND_OFF');
});

test('bad base64, a file too large, not a PDF or image, or by URL: a clear error and nothing received', async () => {
  const small = stack.appWith({
    documents: { store: localDocumentStore(folder), limits: { fileBytes: 1_000, dossierBytes: 2_000 } },
  });
  const component = (extra: Body) => ({ TenThanhPhanHoSo: 'Đơn đề nghị', ...extra });
  const cases: { component: Body; status: number; code: string; app?: express.Express }[] = [
    { component: component({ NoiDungTep: 'not base64!' }), status: 400, code: 'VALIDATION_FAILED' },
    {
      component: component({ DuongDanTaiTepTin: 'https://dichvucong.gov.vn/f/1' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      component: component({ NoiDungTep: Buffer.from('plain text').toString('base64') }),
      status: 415,
      code: 'UNSUPPORTED_FILE_TYPE',
    },
    {
      component: component({ NoiDungTep: Buffer.concat([PDF, Buffer.alloc(1_500)]).toString('base64') }),
      status: 413,
      code: 'FILE_TOO_LARGE',
      app: small,
    },
    // Past what the body may carry at all: refused while it is read.
    {
      component: component({ NoiDungTep: Buffer.alloc(200_000).toString('base64') }),
      status: 413,
      code: 'DOSSIER_FILES_TOO_LARGE',
      app: small,
    },
  ];
  for (const c of cases) {
    const body = portalDossier({ TaiLieuNop: [c.component] });
    const res = await push(body, { app: c.app });
    expect([res.status, errorOf(res).code]).toEqual([c.status, c.code]);
    bodyOf(res, Failed);
    // Nothing was received under the portal's code: the corrected push is the first.
    const fixed = await push({ ...body, TaiLieuNop: [component({ NoiDungTep: PDF.toString('base64') })] });
    expect(bodyOf(fixed, Answer).error_code).toBe(0);
  }
  expect(errorOf(await push(portalDossier({ MaTTHC: '9.999999' }))).code).toBe('NOT_FOUND');
  const malformed = await request(stack.app)
    .post('/api/v1/portal/inbound/dossiers')
    .set('X-Portal-Secret', SECRET)
    .type('json')
    .send('{"MaHoSo": ');
  expect([malformed.status, errorOf(malformed).code]).toEqual([400, 'VALIDATION_FAILED']);
  bodyOf(malformed, Failed);
});

test('the OpenAPI document gives the push its answers, refusals among them', async () => {
  const { paths } = z
    .object({ paths: z.record(z.string(), z.unknown()) })
    .parse((await request(stack.app).get('/openapi.json')).body);
  const operation = z
    .object({ post: z.object({ responses: z.record(z.string(), z.unknown()) }) })
    .parse(paths['/api/v1/portal/inbound/dossiers']);
  expect(Object.keys(operation.post.responses)).toEqual(
    expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413']),
  );
});
