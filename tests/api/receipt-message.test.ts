import { randomBytes } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { findDossier } from '../../platform/database/repositories/dossiers';
import { findNotification } from '../../platform/database/repositories/outbox';
import { EncryptionCodec, KEY_ID_METADATA, type PayloadKey } from '../../platform/temporal/codec';
import { startTestStack, type TestStack } from '../harness/stack';
import { DEMO, eventually, receipt } from './support';

/**
 * The receipt message carries the citizen's access code, which reception knows only once: it reaches the
 * worker sealed in the read model, never through Temporal, and neither the outbox nor the row keeps it.
 */
const KEY: PayloadKey = { id: 'receipt-message', key: randomBytes(32) };
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ payloadKeys: [KEY] });
});
afterAll(() => stack.stop());

test('the receipt message carries the access code and a link that opens the holder’s page; nothing keeps it', async () => {
  const { code, accessCode } = await receipt(stack, DEMO);
  const sent = await eventually(async () => {
    const messages = stack.delivered.filter((d) => d.message.idempotencyKey.startsWith(`${code}:received:`));
    if (messages.length === 0) throw new Error('not sent yet');
    return messages;
  });
  for (const { channel, message } of sent) {
    const body = channel === 'email' ? message.text : message.sms;
    expect(body).toContain(accessCode);
    expect(body).toContain(`/tra-cuu/${code}#ma=${accessCode}`);
    const kept = await findNotification(stack.db, message.idempotencyKey);
    expect(kept?.body).toContain('********');
    expect(kept?.body).not.toContain(accessCode);
  }
  await eventually(async () => {
    const row = await findDossier(stack.db, code);
    if (row?.accessCodeSealed !== null) throw new Error('still sealed in the read model');
  });
  // Not even in the history's decrypted payloads.
  const history = await stack.client.workflow.getHandle(code).fetchHistory();
  const decoded = await new EncryptionCodec([KEY]).decode(payloadsOf(JSON.parse(historyToJSON(history))));
  expect(decoded.length).toBeGreaterThan(0);
  const text = decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
  expect(text).toContain(code);
  expect(text).not.toContain(accessCode);
});

/** Every encoded payload of a history's JSON form. */
function payloadsOf(node: unknown, found: temporal.api.common.v1.IPayload[] = []) {
  if (Array.isArray(node)) node.forEach((child) => payloadsOf(child, found));
  else if (node && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    const metadata = object.metadata as Record<string, string> | undefined;
    if (metadata?.['encoding'] !== undefined && 'data' in object && metadata[KEY_ID_METADATA] !== undefined) {
      found.push(temporal.api.common.v1.Payload.fromObject(object));
    } else for (const child of Object.values(object)) payloadsOf(child, found);
  }
  return found;
}
