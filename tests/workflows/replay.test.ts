import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { encryptedDataConverter } from '../../platform/temporal/encryption';
import { workflowBundle } from '../harness/temporal';

/**
 * Dossiers run for weeks, so today's workflow code must replay the histories of dossiers started by
 * yesterday's. Each file under tests/histories was recorded by scripts/record-histories.ts before a change.
 * The recordings are in clear, and replay through the production data converter: the codec leaves payloads
 * that are not marked encrypted as they are, as it does for dossiers started before encryption.
 */
const dataConverter = encryptedDataConverter([{ id: 'replay', key: randomBytes(32) }]);
const DIR = path.join(__dirname, '..', 'histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('the current workflow code replays %s', async (file) => {
  const history = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter }, history, file);
});
