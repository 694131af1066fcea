import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { z } from 'zod';
import { lastWorkingMorning as lastWorkingMorningBefore } from '../../domain/calendar';
import type { TestStack } from '../harness/stack';

/** Round the clock, in minutes: review (justice) → land ∥ construction opinions → justice leader approves. */
export const DEMO = '0.000001';
/** A commune procedure on the working calendar: commune specialist reviews, commune leader signs. */
export const HOUSEHOLD = '1.001612';

export const APPLICANT = {
  fullName: 'Nguyễn Văn An',
  idNumber: '001099012345',
  phone: '0912345678',
  email: 'an.nguyen@example.vn',
  address: '12 Lê Lợi, xã Phước Hòa',
};

export const DOCUMENTS = [{ name: 'Đơn đề nghị (minh họa)', form: 'original', quantity: 1 }];

export interface Body {
  [key: string]: unknown;
}

/** Requests as one demo user (or as nobody for the public endpoints). */
export function as(stack: TestStack, username?: string) {
  const headers = async (): Promise<Record<string, string>> =>
    username ? { Authorization: `Bearer ${await stack.login(username)}` } : {};
  return {
    async get(path: string): Promise<request.Response> {
      return request(stack.app)
        .get(`/api/v1${path}`)
        .set(await headers());
    },
    async post(path: string, body: Body = {}, idempotencyKey?: string): Promise<request.Response> {
      const req = request(stack.app)
        .post(`/api/v1${path}`)
        .set(await headers());
      if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
      return req.send(body);
    },
  };
}

/** What a reception answers once: the dossier's code and the citizen's access code. */
const Receipt = z.object({ code: z.string(), accessCode: z.string() });
export type Receipt = z.output<typeof Receipt>;

/** Receives a dossier at the procedure's desk and answers its code and access code. */
export async function receipt(stack: TestStack, procedureCode: string, extra: Body = {}): Promise<Receipt> {
  const receiver = procedureCode === DEMO ? 'centre.receiver' : 'commune.receiver';
  const res = await as(stack, receiver).post(
    '/dossiers',
    { procedureCode, channel: 'counter', applicant: APPLICANT, documents: DOCUMENTS, ...extra },
    randomUUID(),
  );
  if (res.status !== 201) throw new Error(`receive: ${res.status} ${JSON.stringify(res.body)}`);
  return bodyOf(res, Receipt);
}

/** Receives a dossier at the procedure's desk and answers its code. */
export async function receive(stack: TestStack, procedureCode: string, extra: Body = {}): Promise<string> {
  return (await receipt(stack, procedureCode, extra)).code;
}

/** Submits online and answers the code and access code. */
export async function submission(stack: TestStack, procedureCode: string): Promise<Receipt> {
  const res = await as(stack).post('/public/submissions', {
    procedureCode,
    applicant: APPLICANT,
    documents: DOCUMENTS,
  });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return bodyOf(res, Receipt);
}

/** Submits online and answers the code. */
export async function submitOnline(stack: TestStack, procedureCode: string): Promise<string> {
  return (await submission(stack, procedureCode)).code;
}

/** The citizen's public calls, with the access code (or none) in X-Access-Code. */
export function holder(stack: TestStack, accessCode?: string) {
  return {
    post(path: string, body: Body = {}): Promise<request.Response> {
      const req = request(stack.app).post(`/api/v1${path}`);
      if (accessCode !== undefined) req.set('X-Access-Code', accessCode);
      return req.send(body);
    },
  };
}

/** 09:00 of the last working day before today, Vietnam time (see domain/calendar/mornings.ts). */
export function lastWorkingMorning(now = new Date()): Date {
  return lastWorkingMorningBefore(now);
}

/** Retries `check` until it passes: the read model follows the workflow a moment later. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A JSON body read through the shape the test relies on: a missing field fails here, and reads are typed. */
export function bodyOf<S extends z.ZodType>(res: request.Response, schema: S): z.output<S> {
  return schema.parse(res.body);
}

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function codeOf(res: request.Response): string {
  return bodyOf(res, z.object({ code: z.string() })).code;
}

export function errorOf(res: request.Response): z.output<typeof ErrorBody>['error'] {
  return bodyOf(res, ErrorBody).error;
}

/** The items of a list answer, each read through `item` (extra fields kept). */
export function itemsOf<S extends z.ZodType>(res: request.Response, item: S): z.output<S>[] {
  return bodyOf(res, z.object({ items: z.array(item) })).items;
}

export function errorCode(res: request.Response): string | undefined {
  return (res.body as { error?: { code?: string } }).error?.code;
}

/** A PDF answer (a form, a sheet) as one user, collected as bytes. */
export async function pdfOf(stack: TestStack, path: string, username: string) {
  const res = await request(stack.app)
    .get(`/api/v1${path}`)
    .set('Authorization', `Bearer ${await stack.login(username)}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: res.status, type: res.headers['content-type'], body: res.body as Buffer };
}
