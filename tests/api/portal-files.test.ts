import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';
import { DEFAULT_DOCUMENT_LIMITS, fileLinks, localDocumentStore, sha256Of } from '../../platform/documents';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, DEMO, errorOf, eventually, receive } from './support';

/** Signed, expiring links through which the national portal fetches a dossier's stored files. */
const links = fileLinks('a deployment secret of the test, 32 bytes or more', 'http://motcua.test/api/v1');
let simulator: PortalSimulator;
let stack: TestStack;
let folder: string;
beforeAll(async () => {
  simulator = await startPortalSimulator();
  stack = await startTestStack({ portal: simulator, app: { fileLinks: links } });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-file-links-test-'));
});
afterAll(async () => {
  await stack.stop();
  await simulator.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const NOW = new Date('2026-03-02T03:00:00Z');
const HOUR = 3_600_000;
/** The app with its own store and clock, and the links signed with the test's secret. */
async function appWithFile() {
  const store = localDocumentStore(folder);
  const { sha256 } = await store.put(PDF);
  const app = stack.appWith({
    now: () => NOW,
    fileLinks: links,
    documents: { store, limits: DEFAULT_DOCUMENT_LIMITS },
  });
  return { app, sha256 };
}

/** The path and query of a link, as the portal would request it. */
const pathOf = (url: string) => url.slice('http://motcua.test'.length);

test('a valid link serves the stored bytes; expired, altered or for another file, 403', async () => {
  const { app, sha256 } = await appWithFile();
  const url = links.url(sha256, new Date(NOW.getTime() + HOUR));
  const got = await request(app).get(pathOf(url)).buffer(true);
  expect(got.status).toBe(200);
  expect(got.headers['content-type']).toBe('application/pdf');
  expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);

  const expired = links.url(sha256, new Date(NOW.getTime() - 1_000));
  const refused = await request(app).get(pathOf(expired));
  expect(refused.status).toBe(403);
  expect(errorOf(refused).code).toBe('FILE_LINK_INVALID');

  // A later expiry under the old signature, another file's hash, a signature cut short, another secret.
  const { searchParams } = new URL(url);
  const later = Number(searchParams.get('exp')) + 3_600;
  const otherFile = 'b'.repeat(64);
  const forged = fileLinks('another secret', 'http://motcua.test/api/v1').url(
    sha256,
    new Date(NOW.getTime() + HOUR),
  );
  for (const tampered of [
    url.replace(/exp=\d+/, `exp=${later}`),
    url.replace(sha256, otherFile),
    url.slice(0, -2),
    forged,
  ]) {
    expect((await request(app).get(pathOf(tampered))).status).toBe(403);
  }
});

test("the record synced to the portal links each component's file, and the link serves its bytes", async () => {
  const code = await receive(stack, DEMO);
  const attached = await request(stack.app)
    .post(`/api/v1/dossiers/${code}/documents/0/file`)
    .set('Authorization', `Bearer ${await stack.login('centre.receiver')}`)
    .attach('file', PDF, 'don.pdf');
  expect(attached.status).toBe(201);
  // The next change sends the full record again, now with the file.
  await as(stack, 'centre.receiver').post(`/dossiers/${code}/withdraw`, { reason: 'Công dân rút' });
  const url = await eventually(async () => {
    const link = simulator.dossiers.get(code)?.TaiLieuNop[0]?.DuongDanTaiTepTin ?? '';
    expect(link).toContain(`/portal/files/${sha256Of(PDF)}?exp=`);
    return link;
  }, 30_000);
  const got = await request(stack.app).get(pathOf(url)).buffer(true);
  expect(got.status).toBe(200);
  expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
});

test('without a configured secret no link is served', async () => {
  const { sha256 } = await appWithFile();
  const url = links.url(sha256, new Date(Date.now() + HOUR));
  expect((await request(stack.appWith({ fileLinks: undefined })).get(pathOf(url))).status).toBe(403);
});
