import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { z } from 'zod';
import { openDatabase, type Database } from '../../platform/database/client';
import { startDevServer, type DevServer } from '../../platform/dev/temporal-dev-server';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { freePort } from '../../platform/dev/ports';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, bodyOf, DEMO, DOCUMENTS, errorCode, errorOf, receive } from './support';

/** A backend that is down answers 503 with Retry-After and leaves nothing half-done. */
let stack: TestStack;
let server: DevServer;
let connection: Connection;
beforeAll(async () => {
  stack = await startTestStack();
  // A Temporal of this file's own, to stop under the API.
  server = await startDevServer({
    port: await freePort(),
    searchAttributes: DOSSIER_SEARCH_ATTRIBUTES,
    logFile: path.join(os.tmpdir(), 'motcua-api-unavailable-temporal.log'),
  });
  connection = await Connection.connect({ address: server.address });
});
afterAll(async () => {
  await connection.close();
  await server.stop();
  await stack.stop();
});

function expectUnavailable(res: request.Response, code: string) {
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 503, code });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

test('Temporal down: reception, submission and actions answer 503 and no dossier is left behind', async () => {
  const app = stack.appWith({ temporal: new Client({ connection }), temporalTimeoutMs: 2_000 });
  expect((await request(app).get('/health')).body).toEqual({ status: 'ok', temporal: 'up', database: 'up' });
  const existing = await receive(stack, DEMO);
  await server.stop();

  const token = await stack.login('centre.receiver');
  const applicant = { ...APPLICANT, fullName: 'Đinh Văn Giang' };
  const received = await request(app)
    .post('/api/v1/dossiers')
    .set('Authorization', `Bearer ${token}`)
    .send({ procedureCode: DEMO, channel: 'counter', applicant, documents: DOCUMENTS });
  expectUnavailable(received, 'TEMPORAL_UNAVAILABLE');
  const submitted = await request(app)
    .post('/api/v1/public/submissions')
    .send({ procedureCode: DEMO, applicant, documents: DOCUMENTS });
  expectUnavailable(submitted, 'TEMPORAL_UNAVAILABLE');
  expect(await stack.db.dossier.count({ where: { applicantName: applicant.fullName } })).toBe(0);

  const action = await request(app)
    .post(`/api/v1/dossiers/${existing}/withdraw`)
    .set('Authorization', `Bearer ${token}`)
    .send({});
  expectUnavailable(action, 'TEMPORAL_UNAVAILABLE');

  const health = await request(app).get('/health');
  expectUnavailable(health, 'TEMPORAL_UNAVAILABLE');
  expect(errorOf(health).details).toEqual([{ temporal: 'down', database: 'up' }]);
  // Reads come from the read model and go on working.
  const read = await request(app).get(`/api/v1/dossiers/${existing}`).set('Authorization', `Bearer ${token}`);
  expect(bodyOf(read, z.object({ status: z.object({ key: z.string() }) })).status.key).toBe('processing');
});

test('database down: 503 DATABASE_UNAVAILABLE, for reads, sign-in and health alike', async () => {
  // A port just opened and closed: nothing listens there, every query fails to connect.
  const unreachable: Database = await openDatabase(
    `postgresql://motcua@127.0.0.1:${await freePort()}/motcua`,
  );
  try {
    const app = stack.appWith({ db: unreachable.prisma });
    const token = await stack.login('admin');
    expectUnavailable(
      await request(app).get('/api/v1/dossiers').set('Authorization', `Bearer ${token}`),
      'DATABASE_UNAVAILABLE',
    );
    expectUnavailable(
      await request(app).post('/api/v1/auth/login').send({ username: 'admin', password: 'demo' }),
      'DATABASE_UNAVAILABLE',
    );
    const health = await request(app).get('/health');
    expectUnavailable(health, 'DATABASE_UNAVAILABLE');
    expect(errorOf(health).details).toEqual([{ temporal: 'up', database: 'down' }]);
  } finally {
    await unreachable.close();
  }
});
