import request from 'supertest';
import { z } from 'zod';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, bodyOf, DEMO, errorCode, itemsOf } from './support';

const Page = z.object({
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  items: z.array(z.unknown()),
});

/** The parts of the OpenAPI document the contract test reads. */
const OpenApiDocument = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({
    schemas: z.record(z.string(), z.unknown()),
    securitySchemes: z.record(z.string(), z.unknown()),
  }),
});
const Operation = z.object({
  security: z.unknown(),
  responses: z.record(z.string(), z.object({ description: z.string() })),
});
const Enum = z.object({ enum: z.array(z.string()) });
const itemsWith = <S extends z.ZodRawShape>(properties: S) =>
  z.object({ items: z.object({ properties: z.object(properties) }) });
const ProcedureEnums = z.object({
  properties: z.object({
    level: Enum,
    calendar: Enum,
    steps: itemsWith({ role: Enum }),
    documents: itemsWith({ form: Enum }),
  }),
});

/** What anyone reaches without an account: the catalogue, and a budget of requests per client. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

test('the catalogue is public, in the list shape, and in full per procedure', async () => {
  const list = await as(stack).get('/public/procedures?pageSize=2');
  expect(list.status).toBe(200);
  const page = bodyOf(list, Page);
  expect(page).toMatchObject({ page: 1, pageSize: 2 });
  expect(page.items).toHaveLength(2);
  expect(bodyOf(await as(stack).get('/procedures'), Page).total).toBe(page.total);
  const demo = await as(stack).get(`/public/procedures/${DEMO}`);
  expect(demo.body).toMatchObject({
    code: DEMO,
    deadline: { amount: 30, unit: 'minutes' },
    fees: [expect.objectContaining({ amountVnd: 10_000 })],
  });
  const { steps, documents } = bodyOf(
    demo,
    z.object({ steps: z.array(z.unknown()), documents: z.array(z.unknown()) }),
  );
  expect(steps).toEqual(
    expect.arrayContaining([expect.objectContaining({ id: 'land-opinion', parallelGroup: 'consultation' })]),
  );
  expect(documents).toEqual(expect.arrayContaining([expect.objectContaining({ required: true })]));
  const agencies = await as(stack, 'land.specialist').get('/agencies');
  expect(itemsOf(agencies, z.looseObject({}))).toContainEqual(
    expect.objectContaining({ code: 'commune', identifier: '000.21.31.H56' }),
  );
});

test('a client over its budget on the public endpoints is told to wait', async () => {
  const app = stack.appWith({ rateLimits: { publicRead: { windowMs: 60_000, limit: 3 } } });
  const statuses: number[] = [];
  let last: request.Response | undefined;
  for (let i = 0; i < 5; i += 1) {
    last = await request(app).get(`/api/v1/public/procedures/${DEMO}`);
    statuses.push(last.status);
  }
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
  expect(errorCode(last!)).toBe('RATE_LIMITED');
  expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  // Sign-in has a budget of its own: an office looking dossiers up behind one proxy can still sign in.
  const login = await request(app).post('/api/v1/auth/login').send({ username: 'admin', password: 'x' });
  expect(login.status).toBe(401);
  // Signed-in work is not limited by it.
  const token = await stack.login('admin');
  expect((await request(app).get('/api/v1/agencies').set('Authorization', `Bearer ${token}`)).status).toBe(
    200,
  );
});

test('each route class has its own budget, staff by token, and a trusted proxy names the client', async () => {
  const one = { windowMs: 60_000, limit: 1 };
  const app = stack.appWith({ rateLimits: { login: one, publicWrite: one, staff: one } });
  const signIn = () => request(app).post('/api/v1/auth/login').send({ username: 'admin', password: 'x' });
  expect([(await signIn()).status, (await signIn()).status]).toEqual([401, 429]);
  expect((await request(app).get(`/api/v1/public/procedures/${DEMO}`)).status).toBe(200);
  // Two clerks behind the same address each have their own staff budget.
  const agencies = async (username: string) =>
    (
      await request(app)
        .get('/api/v1/agencies')
        .set('Authorization', `Bearer ${await stack.login(username)}`)
    ).status;
  expect([await agencies('admin'), await agencies('land.leader'), await agencies('admin')]).toEqual([
    200, 200, 429,
  ]);

  // Behind a trusted proxy, X-Forwarded-For is the client; without trust, everyone is the proxy.
  const through = (target: typeof app, client: string) =>
    request(target)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', client)
      .send({ username: 'a', password: 'x' });
  const trusting = stack.appWith({ rateLimits: { login: one }, trustProxy: 1 });
  expect([
    (await through(trusting, '203.0.113.1')).status,
    (await through(trusting, '203.0.113.2')).status,
  ]).toEqual([401, 401]);
  const untrusting = stack.appWith({ rateLimits: { login: one } });
  expect([
    (await through(untrusting, '203.0.113.1')).status,
    (await through(untrusting, '203.0.113.2')).status,
  ]).toEqual([401, 429]);
});

test('the OpenAPI document lists every endpoint of the contract, and Swagger UI serves it', async () => {
  const doc = bodyOf(await request(stack.app).get('/openapi.json'), OpenApiDocument);
  expect(doc.openapi).toBe('3.1.0');
  const paths = Object.keys(doc.paths);
  for (const path of [
    '/api/v1/auth/login',
    '/api/v1/agencies',
    '/api/v1/procedures/{code}',
    '/api/v1/public/procedures',
    '/api/v1/dossiers',
    '/api/v1/dossiers/{code}',
    '/api/v1/dossiers/{code}/events',
    '/api/v1/dossiers/{code}/notifications',
    '/api/v1/public/submissions',
    '/api/v1/public/dossiers/{code}',
    '/api/v1/public/dossiers/{code}/supplement',
    '/api/v1/public/dossiers/{code}/rating',
    '/health',
  ]) {
    expect(paths).toContain(path);
  }
  const actions = paths.filter(
    (p) => /^\/api\/v1\/dossiers\/\{code\}\/[a-z-]+$/.test(p) && !/events|notifications/.test(p),
  );
  // The contract's twelve actions, assign-step and send-back inside an agency, the correction's request
  // and completion (F9), and the competent agency's declaration that it must verify (rules P1).
  expect(actions).toHaveLength(17);
  const extend = Operation.parse(doc.paths['/api/v1/dossiers/{code}/extend'].post);
  expect(extend.security).toEqual([{ bearerAuth: [] }]);
  expect(Object.keys(extend.responses).sort()).toEqual([
    '200',
    '400',
    '401',
    '403',
    '404',
    '409',
    '413',
    '422',
    // Staff routes have a rate limit of their own too.
    '429',
    '503',
  ]);
  expect(extend.responses['409'].description).toContain('EXTENSION_TOO_LATE');
  expect(doc.components.schemas.Error).toBeDefined();
  // The procedure's enumerations reach the document, not bare strings.
  const procedure = ProcedureEnums.parse(doc.components.schemas.Procedure);
  expect(procedure.properties.level.enum).toEqual(['province', 'commune', 'ministry']);
  expect(procedure.properties.calendar.enum).toEqual(['vn', '24x7']);
  expect(procedure.properties.steps.items.properties.role.enum).toEqual(['receiver', 'specialist', 'leader']);
  expect(procedure.properties.documents.items.properties.form.enum).toEqual([
    'original',
    'certified_copy',
    'copy',
  ]);
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

  const docs = await request(stack.app).get('/docs/');
  expect(docs.status).toBe(200);
  expect(docs.text).toContain('swagger-ui');
  expect(docs.headers['x-content-type-options']).toBe('nosniff');
});
