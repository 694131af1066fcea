import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type FailureConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../platform/config/config';
import { EncryptionCodec, KEY_ID_METADATA, type PayloadKey } from '../../platform/temporal/codec';
import { encryptedDataConverter, payloadKeys } from '../../platform/temporal/encryption';
import { startTestStack, TEMPORAL_UI_ORIGIN, type TestStack } from '../harness/stack';
import { APPLICANT, as, bodyOf, DEMO, errorOf, receive } from './support';

/**
 * Finding 8 of issue 12: what clerks and citizens send reaches Temporal's history sealed, and only a
 * signed-in staff member gets it back in clear, through the codec endpoint the Temporal UI calls.
 */
const OLD_KEY: PayloadKey = { id: 'k2026', key: randomBytes(32) };
const NEW_KEY: PayloadKey = { id: 'k2027', key: randomBytes(32) };
const APPLICANT_NAME = 'Trần Thị Bảo Mật';
const DOCUMENT = 'Hợp đồng thuê nhà số 7788 của bà Mật';
const REASON = 'Thiếu bản vẽ mặt bằng nhà số 42 hẻm Riêng Tư';
/** What clerks type and who they are; the applicant's name never even reaches the workflow. */
const SECRETS = [APPLICANT_NAME, DOCUMENT, REASON, 'centre.receiver', 'justice.specialist'];

type JsonPayload = { metadata?: Record<string, string>; data?: string };
const DecodedPayloads = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()), data: z.string().optional() })),
});

let stack: TestStack;
let code: string;
let payloads: JsonPayload[];
let historyBytes: Buffer;

beforeAll(async () => {
  stack = await startTestStack({ payloadKeys: [OLD_KEY] });
  code = await receive(stack, DEMO, {
    applicant: { ...APPLICANT, fullName: APPLICANT_NAME },
    documents: [{ name: DOCUMENT, form: 'copy', quantity: 1 }],
  });
  const res = await as(stack, 'justice.specialist').post(`/dossiers/${code}/request-supplement`, {
    reason: REASON,
    documents: ['Bản vẽ mặt bằng'],
  });
  expect(res.status).toBe(200);
  // The history as anyone with access to Temporal reads it: a client without the codec.
  const raw = new Client({ connection: stack.client.connection, namespace: stack.client.options.namespace });
  const history = await raw.workflow.getHandle(code).fetchHistory();
  historyBytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
  payloads = collectPayloads(JSON.parse(historyToJSON(history)));
});
afterAll(() => stack.stop());

/**
 * Every payload of a history in its JSON form (base64 fields), wherever it sits, but search attributes
 * (Temporal indexes them, so they are never encoded, and hold codes only) and the patch ids that the SDK
 * records itself.
 */
function collectPayloads(node: unknown, found: JsonPayload[] = []): JsonPayload[] {
  if (Array.isArray(node)) node.forEach((child) => collectPayloads(child, found));
  else if (node && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    const metadata = object.metadata as Record<string, string> | undefined;
    if (metadata?.encoding !== undefined && 'data' in object) found.push(object);
    else
      for (const [key, child] of Object.entries(object))
        if (key !== 'searchAttributes' && key !== 'patch-data') collectPayloads(child, found);
  }
  return found;
}

const decodeRequest = (app = stack.app) =>
  request(app).post('/codec/decode').set('X-Namespace', stack.client.options.namespace);

test('a raw history holds no personal data or free text, only sealed payloads', () => {
  expect(historyBytes.includes(code)).toBe(true); // the workflow id is in clear: the search can see it
  for (const secret of [...SECRETS, APPLICANT.email, APPLICANT.phone]) {
    expect(historyBytes.includes(Buffer.from(secret))).toBe(false);
  }
  expect(payloads.length).toBeGreaterThan(2);
  for (const payload of payloads) {
    expect(Buffer.from(payload.metadata!.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(payload.metadata![KEY_ID_METADATA], 'base64').toString()).toBe(OLD_KEY.id);
  }
});

test('a staff member decodes them through the codec endpoint', async () => {
  const res = await decodeRequest()
    .set('Authorization', `Bearer ${await stack.login('land.leader')}`)
    .send({ payloads });
  expect(res.status).toBe(200);
  const decoded = bodyOf(res, DecodedPayloads).payloads;
  const clear = decoded.map((p) => Buffer.from(p.data ?? '', 'base64').toString()).join('\n');
  for (const secret of SECRETS.slice(1)) expect(clear).toContain(secret);
  expect(Buffer.from(decoded[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
});

test('nobody else: no token, a forged token, another namespace', async () => {
  expect((await decodeRequest().send({ payloads })).status).toBe(401);
  const forged = await decodeRequest().set('Authorization', 'Bearer a.b.c').send({ payloads });
  expect(forged.status).toBe(401);
  const cookie = await decodeRequest().set('Cookie', 'motcua_codec=a.b.c').send({ payloads });
  expect(cookie.status).toBe(401);
  const elsewhere = await request(stack.app)
    .post('/codec/decode')
    .set('X-Namespace', 'someone-else')
    .set('Authorization', `Bearer ${await stack.login('admin')}`)
    .send({ payloads });
  expect(elsewhere.status).toBe(400);
});

test('a browser signs in at /codec/login and its session cookie decodes', async () => {
  const failed = await request(stack.app)
    .post('/codec/login')
    .type('form')
    .send({ username: 'admin', password: 'wrong' });
  expect(failed.status).toBe(401);
  expect(failed.headers['set-cookie']).toBeUndefined();
  const login = await request(stack.app)
    .post('/codec/login')
    .type('form')
    .send({ username: 'admin', password: 'demo' });
  expect(login.status).toBe(200);
  const cookie = String(login.headers['set-cookie']);
  expect(cookie).toMatch(/^motcua_codec=[^;]+; Path=\/codec; HttpOnly; SameSite=Strict$/);
  const res = await decodeRequest().set('Cookie', cookie.split(';')[0]).send({ payloads });
  expect(res.status).toBe(200);
});

test("CORS answers the Temporal UI's origin only, with credentials", async () => {
  const preflight = (origin: string) =>
    request(stack.app)
      .options('/codec/decode')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace');
  const ui = await preflight(TEMPORAL_UI_ORIGIN);
  expect(ui.headers['access-control-allow-origin']).toBe(TEMPORAL_UI_ORIGIN);
  expect(ui.headers['access-control-allow-credentials']).toBe('true');
  const other = await preflight('https://evil.example');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

test('after rotation the new key seals, and the old one, listed second, still opens older payloads', async () => {
  const rotated = new EncryptionCodec([NEW_KEY, OLD_KEY]);
  const [sealed] = await rotated.encode([{ metadata: {}, data: Buffer.from('"x"') }]);
  expect(Buffer.from(sealed.metadata![KEY_ID_METADATA]).toString()).toBe(NEW_KEY.id);

  const uiOrigins = [TEMPORAL_UI_ORIGIN];
  const token = `Bearer ${await stack.login('admin')}`;
  const afterRotation = stack.appWith({ codecServer: { codec: rotated, uiOrigins } });
  const res = await decodeRequest(afterRotation).set('Authorization', token).send({ payloads });
  expect(res.status).toBe(200);
  expect(Buffer.from(bodyOf(res, DecodedPayloads).payloads[0].data ?? '', 'base64').toString()).toContain(
    DOCUMENT,
  );

  const oldKeyDropped = stack.appWith({ codecServer: { codec: new EncryptionCodec([NEW_KEY]), uiOrigins } });
  const refused = await decodeRequest(oldKeyDropped).set('Authorization', token).send({ payloads });
  expect({ status: refused.status, code: errorOf(refused).code }).toEqual({
    status: 422,
    code: 'PAYLOAD_UNREADABLE',
  });
});

test("a failure's message, where a provider may name a citizen, is sealed with the payloads", async () => {
  const { failureConverterPath } = encryptedDataConverter([OLD_KEY]);
  const { failureConverter } = (await import(failureConverterPath!)) as {
    failureConverter: FailureConverter;
  };
  const failure = failureConverter.errorToFailure(
    new Error(`invalid recipient ${APPLICANT.email}`),
    defaultPayloadConverter,
  );
  expect(JSON.stringify(failure)).not.toContain(APPLICANT.email);
  const [sealed] = await new EncryptionCodec([OLD_KEY]).encode([failure.encodedAttributes!]);
  expect(Buffer.from(sealed.data!).includes(APPLICANT.email)).toBe(false);
});

describe('payload keys from the configuration', () => {
  const base64 = () => randomBytes(32).toString('base64');

  test('MOTCUA_PAYLOAD_KEYS lists id:base64 keys, the first one sealing; nonsense stops the start', () => {
    const keys = payloadKeys(
      loadConfig({ TEMPORAL_ADDRESS: 't:7233', MOTCUA_PAYLOAD_KEYS: `b:${base64()}, a:${base64()}` }),
    );
    expect(keys.map((k) => k.id)).toEqual(['b', 'a']);
    for (const bad of ['a', `a:${randomBytes(16).toString('base64')}`, `a:${base64()},a:${base64()}`]) {
      expect(() => payloadKeys(loadConfig({ MOTCUA_PAYLOAD_KEYS: bad }))).toThrow(ConfigError);
    }
  });

  test('a deployment must set them; the embedded stack keeps one of its own under its data folder', () => {
    expect(() => payloadKeys(loadConfig({ TEMPORAL_ADDRESS: 't:7233' }))).toThrow(/MOTCUA_PAYLOAD_KEYS/);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-keys-'));
    try {
      const embedded = loadConfig({ MOTCUA_DATA_DIR: dataDir });
      const [first] = payloadKeys(embedded);
      expect(payloadKeys(embedded)).toEqual([first]);
      expect(fs.statSync(path.join(dataDir, 'payload-keys')).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
