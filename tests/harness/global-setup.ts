import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevServer, type DevServer } from '../../platform/dev/temporal-dev-server';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { freePort } from '../../platform/dev/ports';
import { buildWorkflowBundle } from '../../workers/workflow-bundle';

declare global {
  var motcuaDevServer: DevServer | undefined;
}

/**
 * One real Temporal dev server for the whole run, started by the project itself and waited for, and one
 * workflow bundle built once; test files find both through environment variables.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startDevServer({
    port: await freePort(),
    searchAttributes: DOSSIER_SEARCH_ATTRIBUTES,
    logFile: path.join(os.tmpdir(), 'motcua-test-temporal.log'),
  });
  globalThis.motcuaDevServer = server;
  process.env.MOTCUA_TEST_TEMPORAL_ADDRESS = server.address;

  const bundlePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bundle-')), 'workflows.js');
  await buildWorkflowBundle(bundlePath);
  process.env.MOTCUA_TEST_WORKFLOW_BUNDLE = bundlePath;
}
