import type { Notification as NotificationRow } from '../../generated/sqlite/client';
import { NotificationSchema } from '../../api/schemas';
import { notificationView } from '../../api/views';

/** The outbox keeps states of its own; the view answers only what the OpenAPI document allows. */
const row = (status: string): NotificationRow => ({
  id: 'n-1',
  idempotencyKey: '000.21.31.H56-261123-0001:received:first:sms:0123456789abcdef',
  dossierCode: '000.21.31.H56-261123-0001',
  occasion: 'received',
  template: 'received.citizen.vi',
  audience: 'citizen',
  channel: 'sms',
  recipient: '+84901234567',
  recipientMasked: '09******67',
  subject: null,
  body: 'Hồ sơ đã tiếp nhận',
  attachments: null,
  status,
  attempts: 1,
  lastError: null,
  providerMessageId: null,
  createdAt: new Date('2026-11-23T02:00:00Z'),
  sentAt: null,
  updatedAt: new Date('2026-11-23T02:00:01Z'),
});

test.each([
  ['queued', 'queued'],
  ['sending', 'queued'],
  ['sent', 'sent'],
  ['failed', 'failed'],
])('an outbox row %s is shown as %s, which the schema accepts', (stored, shown) => {
  const view = notificationView(row(stored));
  expect(view.status).toBe(shown);
  expect(NotificationSchema.parse(view)).toEqual(view);
});
