import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { z } from 'zod';
import { schemathesis } from '../harness/schemathesis';
import { startTestStack, type TestStack } from '../harness/stack';
import { as, DEMO, errorOf, HOUSEHOLD, receive, submitOnline } from './support';

/**
 * schemathesis against the running API's own /openapi.json: every operation, as each role and as nobody,
 * with its examples, fuzzing and stateful phases; its coverage phase (boundary and malformed values, the
 * slowest) once, as the admin, who reaches every staff operation, on the reads. Any 5xx or any answer
 * outside the document fails. The regressions of what it found stand first.
 */
let stack: TestStack;
let server: Server;
let origin: string;
let cli: string;
beforeAll(async () => {
  // First, so that its installation on a fresh clone is over before the stack starts.
  cli = schemathesis();
  stack = await startTestStack();
  server = stack.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Dossiers for the code-shaped paths to land on: one at each desk, one online.
  await receive(stack, DEMO);
  await receive(stack, HOUSEHOLD);
  await submitOnline(stack, DEMO);
}, 600_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await stack.stop();
});

test('a tracking book asked from no date is a 400, not a 500', async () => {
  const res = await as(stack, 'centre.receiver').get('/forms/tracking-book?from=&to=2026-11-30');
  expect(res.status).toBe(400);
  expect(errorOf(res).code).toBe('VALIDATION_FAILED');
});

test('the document lets registered components be null where the API answers null', async () => {
  const { schemas } = z
    .object({ components: z.object({ schemas: z.record(z.string(), z.unknown()) }) })
    .parse((await request(stack.app).get('/openapi.json')).body).components;
  // The start of the property's schema: the component, then null.
  const nullable = (property: string, ref: string) =>
    `"${property}":{"anyOf":[{"$ref":"#/components/schemas/${ref}"},{"type":"null"}`;
  // A refused action leaves the dossier where it was: its event has no target state.
  expect(JSON.stringify(schemas.DossierEvent)).toContain(nullable('to', 'Status'));
  expect(JSON.stringify(schemas.DossierEvent)).toContain(nullable('from', 'Status'));
  expect(JSON.stringify(schemas.DossierDetail)).toContain(nullable('portalSync', 'PortalSync'));
});

function fuzz(
  who: string,
  token: string | undefined,
  phases: string,
  only: string[] = [],
): Promise<{ who: string; exit: number; out: string }> {
  const args = [
    'run',
    `${origin}/openapi.json`,
    '--url',
    origin,
    ...(token ? ['-H', `Authorization: Bearer ${token}`] : []),
    '--phases',
    phases,
    '--checks',
    'not_a_server_error,response_schema_conformance',
    // Bounded so that the five runs take about two minutes; the seed makes a failure reproducible.
    '--max-examples',
    '3',
    '--seed',
    '1',
    '--workers',
    '1',
    '--no-color',
    '--warnings',
    'off',
    ...only,
  ];
  return new Promise((resolve) => {
    execFile(cli, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) =>
      resolve({ who, exit: err ? 1 : 0, out: stdout }),
    );
  });
}

const PHASES = 'examples,fuzzing,stateful';

test('schemathesis finds no server error and no answer outside the document, as each role and as nobody', async () => {
  const roles = ['centre.receiver', 'justice.specialist', 'commune.leader'];
  // One after the other: the machine's cores are few, and the answers stay in order.
  const runs = [await fuzz('anonymous', undefined, PHASES)];
  for (const who of roles) runs.push(await fuzz(who, await stack.login(who), PHASES));
  const admin = await stack.login('admin');
  runs.push(await fuzz('admin', admin, PHASES));
  // Boundary and malformed values of every path and query parameter, where the fuzzing phase is thin.
  runs.push(await fuzz('admin (coverage, GET)', admin, 'coverage', ['--include-method', 'GET']));
  for (const { who, out } of runs) {
    const counts = /Test cases:\s*\n\s*(.+)/.exec(out)?.[1] ?? 'no counts';
    process.stdout.write(`[fuzz] ${who}: ${counts}\n`);
  }
  const failed = runs.filter((run) => run.exit !== 0);
  for (const { who, out } of failed) process.stdout.write(`[fuzz] ${who} failed:\n${out}\n`);
  expect(failed.map((run) => run.who)).toEqual([]);
}, 300_000);
