import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { APP_ENVIRONMENT, TOPOLOGY, WORKER_ENVIRONMENT } from '../../cluster/topology';
import { loadConfig } from '../../platform/config/config';

/**
 * `npm run cluster` and `docker-compose.yml` describe one deployment: the cluster takes its values from
 * cluster/topology.ts, and these tests read the compose file and check that it says the same.
 */
const compose = z
  .object({
    services: z.record(
      z.string(),
      z.looseObject({
        image: z.string().optional(),
        environment: z.record(z.string(), z.unknown()).optional(),
        command: z.unknown(),
        depends_on: z.unknown(),
      }),
    ),
  })
  .parse(
    YAML.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'), {
      merge: true,
    }),
  ).services;
/** A service's environment as compose runs it with nothing set: `${VAR:-default}` is its default. */
const environmentOf = (service: string) =>
  Object.fromEntries(
    Object.entries(z.record(z.string(), z.coerce.string()).parse(compose[service].environment)).map(
      ([key, value]) => [key, value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1')],
    ),
  );

test('Temporal runs on the same SQL plugin and role in both', () => {
  const temporal = environmentOf('temporal');
  expect(temporal.DB).toBe(TOPOLOGY.temporal.sqlPlugin);
  expect({ user: temporal.POSTGRES_USER, password: temporal.POSTGRES_PWD }).toEqual(TOPOLOGY.temporal.role);
});

test('the read model has the same role and database in both', () => {
  const db = environmentOf('app-db');
  const { user, password, database } = TOPOLOGY.app.role;
  expect({ user: db.POSTGRES_USER, password: db.POSTGRES_PASSWORD, database: db.POSTGRES_DB }).toEqual({
    user,
    password,
    database,
  });
  expect(environmentOf('worker').DATABASE_URL).toBe(
    `postgresql://${user}:${password}@app-db:5432/${database}`,
  );
});

test('the API and the worker get every shared setting, on the same ports', () => {
  for (const service of ['api', 'worker']) {
    expect(Object.keys(environmentOf(service))).toEqual(expect.arrayContaining([...APP_ENVIRONMENT]));
  }
  expect(environmentOf('worker').TEMPORAL_ADDRESS).toBe(`temporal:${TOPOLOGY.temporal.frontendPort}`);
  expect(environmentOf('api').PORT).toBe(String(TOPOLOGY.app.apiPort));
  expect(environmentOf('api').MOTCUA_TEMPORAL_UI_ORIGINS).toBe(`http://localhost:${TOPOLOGY.ui.port}`);
  // The cluster script takes its ports from the settings: their defaults are the topology's.
  const defaults = loadConfig({});
  expect([defaults.PORT, defaults.MOTCUA_TEMPORAL_PORT, defaults.MOTCUA_TEMPORAL_UI_PORT]).toEqual([
    TOPOLOGY.app.apiPort,
    TOPOLOGY.temporal.frontendPort,
    TOPOLOGY.ui.port,
  ]);
});

test('the worker keeps the same cache and heap limit in both', () => {
  expect(environmentOf('worker')).toMatchObject(WORKER_ENVIRONMENT);
});

const releaseOf = (version: string) => version.replace(/^v/, '');

test('compose pins the Temporal server, its admin tools and the Web UI at the releases the cluster builds', () => {
  const server = releaseOf(TOPOLOGY.temporal.version);
  expect(compose.temporal.image).toBe(`temporalio/server:${server}`);
  expect(compose['temporal-schema'].image).toBe(`temporalio/admin-tools:${server}`);
  expect(compose['temporal-namespace'].image).toBe(`temporalio/admin-tools:${server}`);
  expect(compose['temporal-ui'].image).toBe(`temporalio/ui:${releaseOf(TOPOLOGY.ui.version)}`);
});

test('compose sets the schema up as the cluster does, before the server, and the app waits for the namespace', () => {
  const schema = environmentOf('temporal-schema');
  expect(schema.SQL_PLUGIN).toBe(TOPOLOGY.temporal.sqlPlugin);
  expect({ user: schema.SQL_USER, password: schema.SQL_PASSWORD }).toEqual(TOPOLOGY.temporal.role);
  const script = z.array(z.string()).parse(compose['temporal-schema'].command).join('\n');
  for (const [database, schemaName] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ]) {
    for (const step of [
      'create-database',
      'setup-schema --version 0.0',
      `update-schema --schema-name ${schemaName}`,
    ]) {
      expect(script).toContain(`--database ${database} ${step}`);
    }
  }
  const waitsFor = (service: string) =>
    z.record(z.string(), z.object({ condition: z.string() })).parse(compose[service].depends_on);
  expect(waitsFor('temporal')).toEqual({
    'temporal-schema': { condition: 'service_completed_successfully' },
  });
  for (const app of ['api', 'worker']) {
    expect(waitsFor(app)).toMatchObject({
      'temporal-namespace': { condition: 'service_completed_successfully' },
    });
  }
});
