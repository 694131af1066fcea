import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import S3rver from 's3rver';
import request from 'supertest';
import { z } from 'zod';
import {
  DEFAULT_DOCUMENT_LIMITS,
  localDocumentStore,
  s3DocumentStore,
  sha256Of,
} from '../../platform/documents';
import type { DocumentLimits, DocumentStore } from '../../platform/documents';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, bodyOf, DEMO, DOCUMENTS, errorOf, receive, receipt, submission } from './support';

/** Files of dossier components: by content, within limits, stored whole, downloaded by the right staff. */
let stack: TestStack;
let folder: string;
beforeAll(async () => {
  stack = await startTestStack();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-documents-test-'));
});
afterAll(async () => {
  await stack.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG_BYTES = (() => {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(200);
  return PNG.sync.write(png);
})();
const TEXT_AS_PDF = Buffer.from('Đây là một tệp văn bản, không phải PDF\n');

const FileView = z.object({
  position: z.number(),
  sha256: z.string(),
  size: z.number(),
  mediaType: z.string(),
});
const Detail = z.object({
  documents: z.array(z.object({ name: z.string(), digitised: z.boolean(), file: FileView.nullable() })),
});
const PublicDocuments = z.object({
  documents: z.array(
    z.strictObject({
      name: z.string(),
      form: z.string(),
      quantity: z.number().optional(),
      digitised: z.boolean(),
    }),
  ),
});

/** An app on the stack's database and Temporal whose files go to a store of the test's choosing. */
function appWith(store: DocumentStore, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS) {
  return stack.appWith({ documents: { store, limits } });
}

/** A store whose folder the test looks into: nothing but finished files under their hash. */
function folderStore(name: string) {
  const root = path.join(folder, name);
  const entries = () =>
    fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) : [];
  return {
    store: localDocumentStore(root),
    files: () => entries().filter((e) => /[0-9a-f]{64}$/.test(e)),
    entries,
  };
}

async function attach(
  app: ReturnType<typeof appWith>,
  user: string,
  code: string,
  position: number,
  bytes: Buffer,
  name: string,
) {
  return request(app)
    .post(`/api/v1/dossiers/${code}/documents/${position}/file`)
    .set('Authorization', `Bearer ${await stack.login(user)}`)
    .attach('file', bytes, name);
}

async function download(app: ReturnType<typeof appWith>, user: string, code: string, position: number) {
  return request(app)
    .get(`/api/v1/dossiers/${code}/documents/${position}/file`)
    .set('Authorization', `Bearer ${await stack.login(user)}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

const fileRows = (code: string) => stack.db.dossierFile.count({ where: { dossierCode: code } });

test('the receiver attaches a scan; the dossier shows it digitised; staff who see it download the same bytes', async () => {
  const { store, files } = folderStore('counter');
  const app = appWith(store);
  const code = await receive(stack, DEMO, { documents: [...DOCUMENTS, { name: 'Bản vẽ', form: 'copy' }] });
  const res = await attach(app, 'centre.receiver', code, 1, PDF, 'ban-ve.pdf');
  expect(res.status).toBe(201);
  expect(bodyOf(res, FileView)).toEqual({
    position: 1,
    sha256: sha256Of(PDF),
    size: PDF.length,
    mediaType: 'application/pdf',
  });
  expect(files()).toHaveLength(1);

  const detail = bodyOf(
    await request(app)
      .get(`/api/v1/dossiers/${code}`)
      .set('Authorization', `Bearer ${await stack.login('centre.receiver')}`),
    Detail,
  );
  expect(detail.documents.map((d) => [d.digitised, d.file?.sha256 ?? null])).toEqual([
    [false, null],
    [true, sha256Of(PDF)],
  ]);
  const publicView = bodyOf(await request(app).get(`/api/v1/public/dossiers/${code}`), PublicDocuments);
  expect(publicView.documents.map((d) => d.digitised)).toEqual([false, true]);

  const got = await download(app, 'justice.specialist', code, 1);
  expect(got.status).toBe(200);
  expect(got.headers['content-type']).toBe('application/pdf');
  expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
  // Another agency's staff may not download it, nor another desk's receiver attach.
  expect((await download(app, 'commune.specialist', code, 1)).status).toBe(403);
  expect((await attach(app, 'commune.receiver', code, 0, PNG_BYTES, 'a.png')).status).toBe(403);
  expect((await attach(app, 'justice.specialist', code, 0, PNG_BYTES, 'a.png')).status).toBe(403);
  expect((await attach(app, 'centre.receiver', code, 2, PNG_BYTES, 'a.png')).status).toBe(404);
  expect((await download(app, 'centre.receiver', code, 0)).status).toBe(404);
});

test('a text named .pdf is refused by its content, in Vietnamese, and nothing is stored or recorded', async () => {
  const { store, entries } = folderStore('mislabelled');
  const app = appWith(store);
  const code = await receive(stack, DEMO);
  const res = await attach(app, 'centre.receiver', code, 0, TEXT_AS_PDF, 'don.pdf');
  expect({ status: res.status, code: errorOf(res).code }).toEqual({
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
  });
  expect(errorOf(res).message).toContain('không phải là PDF, JPEG hoặc PNG');
  expect(entries()).toEqual([]);
  expect(await fileRows(code)).toBe(0);
});

test('an oversized file stops at the limit, and files past the dossier limit are refused', async () => {
  const { store, files } = folderStore('limits');
  const app = appWith(store, { fileBytes: 1_000, dossierBytes: 1_500 });
  const code = await receive(stack, DEMO, { documents: [...DOCUMENTS, { name: 'Ảnh', form: 'copy' }] });
  const big = Buffer.concat([PDF, Buffer.alloc(2_000, 0x20)]);
  let res = await attach(app, 'centre.receiver', code, 0, big, 'lon.pdf');
  expect({ status: res.status, code: errorOf(res).code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
  expect(errorOf(res).message).toBe('Tệp “lon.pdf” lớn hơn 0,000954 MB cho phép');
  const nearLimit = Buffer.concat([PDF, Buffer.alloc(900 - PDF.length, 0x20)]);
  expect((await attach(app, 'centre.receiver', code, 0, nearLimit, 'a.pdf')).status).toBe(201);
  // Replacing the same component counts once; a second component would pass the dossier's 1 500 bytes.
  expect((await attach(app, 'centre.receiver', code, 0, PNG_BYTES, 'a.png')).status).toBe(201);
  expect((await attach(app, 'centre.receiver', code, 0, nearLimit, 'a.pdf')).status).toBe(201);
  res = await attach(app, 'centre.receiver', code, 1, Buffer.concat([nearLimit, Buffer.from(' ')]), 'b.pdf');
  expect({ status: res.status, code: errorOf(res).code }).toEqual({
    status: 413,
    code: 'DOSSIER_FILES_TOO_LARGE',
  });
  expect(files()).toHaveLength(2);
});

test('online: a submission with files reaches the clerk byte for byte; a bad file leaves no dossier', async () => {
  const { store, entries } = folderStore('online');
  const app = appWith(store);
  const body = {
    procedureCode: DEMO,
    applicant: APPLICANT,
    documents: [...DOCUMENTS, { name: 'Ảnh', form: 'copy' }],
  };
  const dossiers = () => stack.db.dossier.count();
  const before = await dossiers();
  const refused = await request(app)
    .post('/api/v1/public/submissions')
    .field('payload', JSON.stringify(body))
    .attach('documents[0]', PDF, 'don.pdf')
    .attach('documents[1]', TEXT_AS_PDF, 'anh.pdf');
  expect({ status: refused.status, code: errorOf(refused).code }).toEqual({
    status: 415,
    code: 'UNSUPPORTED_FILE_TYPE',
  });
  expect(await dossiers()).toBe(before);
  expect(entries()).toEqual([]);

  const res = await request(app)
    .post('/api/v1/public/submissions')
    .field('payload', JSON.stringify(body))
    .attach('documents[1]', PNG_BYTES, 'anh.png');
  expect(res.status).toBe(202);
  const { code, accessCode } = bodyOf(res, z.object({ code: z.string(), accessCode: z.string() }));
  const got = await download(app, 'centre.receiver', code, 1);
  expect(got.headers['content-type']).toBe('image/png');
  expect(Buffer.compare(got.body as Buffer, PNG_BYTES)).toBe(0);

  // Asked to complete it, the citizen supplements with a file: it lands on the component it came with.
  const token = await stack.login('centre.receiver');
  expect(
    (
      await request(app)
        .post(`/api/v1/dossiers/${code}/request-completion`)
        .set('Authorization', `Bearer ${token}`)
        .send({ reason: 'Thiếu bản vẽ', missingDocuments: ['Bản vẽ'] })
    ).status,
  ).toBe(200);
  const supplement = await request(app)
    .post(`/api/v1/public/dossiers/${code}/supplement`)
    .set('X-Access-Code', accessCode)
    .field('payload', JSON.stringify({ documents: [{ name: 'Bản vẽ', form: 'copy' }] }))
    .attach('documents[0]', PDF, 'ban-ve.pdf');
  expect(supplement.status).toBe(200);
  expect(bodyOf(supplement, PublicDocuments).documents.map((d) => [d.name, d.digitised])).toEqual([
    [DOCUMENTS[0].name, false],
    ['Ảnh', true],
    ['Bản vẽ', true],
  ]);
  expect(Buffer.compare((await download(app, 'centre.receiver', code, 2)).body as Buffer, PDF)).toBe(0);
});

test('a file field that names no document listed is refused before anything happens', async () => {
  const before = await stack.db.dossier.count();
  const res = await request(stack.app)
    .post('/api/v1/public/submissions')
    .field('payload', JSON.stringify({ procedureCode: DEMO, applicant: APPLICANT, documents: DOCUMENTS }))
    .attach('documents[3]', PDF, 'don.pdf');
  expect({ status: res.status, code: errorOf(res).code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  expect(await stack.db.dossier.count()).toBe(before);
  // JSON submissions stay as they were.
  expect((await submission(stack, DEMO)).code).toMatch(/^000\./);
});

test('the S3 store keeps and answers the bytes on an S3-compatible server', async () => {
  const directory = path.join(folder, 's3');
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'motcua' }],
  });
  const { port } = await server.run();
  try {
    const store = s3DocumentStore({
      bucket: 'motcua',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      prefix: 'documents/',
    });
    expect(await store.get(sha256Of(PDF))).toBeUndefined();
    const app = appWith(store);
    const { code } = await receipt(stack, DEMO);
    expect((await attach(app, 'centre.receiver', code, 0, PNG_BYTES, 'scan.png')).status).toBe(201);
    const got = await download(app, 'centre.receiver', code, 0);
    expect(Buffer.compare(got.body as Buffer, PNG_BYTES)).toBe(0);
    expect((await store.get(sha256Of(PNG_BYTES)))?.equals(PNG_BYTES)).toBe(true);
  } finally {
    await server.close();
  }
});
