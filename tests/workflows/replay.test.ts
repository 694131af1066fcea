import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { z } from 'zod';
import { encryptedDataConverter } from '../../platform/temporal/encryption';
import { workflowBundle } from '../harness/temporal';

/**
 * Dossiers run for weeks, so today's workflow code must replay the histories of dossiers started by
 * yesterday's. Each file under tests/histories was recorded by tests/histories/record.ts before a change.
 * The recordings are in clear, and replay through the production data converter: the codec leaves payloads
 * that are not marked encrypted as they are, as it does for dossiers started before encryption.
 */
const dataConverter = encryptedDataConverter([{ id: 'replay', key: randomBytes(32) }]);
const DIR = path.join(__dirname, '..', 'histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

/** The procedure code in the dossier input of a history's first event. */
function procedureCodeOf(file: string): string {
  const { events } = z.object({ events: z.array(z.unknown()) }).parse(readHistory(file));
  const [input] = StartedEvent.parse(events[0]).workflowExecutionStartedEventAttributes.input.payloads;
  const dossier = z.object({ procedure: z.object({ code: z.string() }) });
  return dossier.parse(JSON.parse(Buffer.from(input.data, 'base64').toString('utf8'))).procedure.code;
}

const StartedEvent = z.object({
  workflowExecutionStartedEventAttributes: z.object({
    input: z.object({ payloads: z.array(z.object({ data: z.string() })) }),
  }),
});

function readHistory(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
}

test('every shipped procedure has a recorded history to replay', () => {
  expect([...new Set(files.map(procedureCodeOf))].sort()).toEqual([
    '0.000001',
    '1.001193',
    '1.001612',
    '1.013225',
    '1.013978',
    '3.000333',
  ]);
});

test.each(files)('the current workflow code replays %s', async (file) => {
  await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter }, readHistory(file), file);
});
