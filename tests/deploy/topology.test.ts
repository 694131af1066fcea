import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { APP_ENVIRONMENT, TOPOLOGY } from '../../cluster/topology';
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
const tagOf = (service: string) => compose[service].image?.split(':')[1];

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

// Known disagreement: compose still pins auto-setup 1.28.1 and UI 2.40.1, the cluster runs the versions
// of cluster/binaries.ts. Moving compose's images is part of its production rework; once it pins the same
// releases this fails, and becomes a plain test.
test.failing('compose pins the Temporal server and Web UI releases the cluster builds', () => {
  expect(tagOf('temporal')).toBe(TOPOLOGY.temporal.version.replace(/^v/, ''));
  expect(tagOf('temporal-ui')).toBe(TOPOLOGY.ui.version.replace(/^v/, ''));
});
