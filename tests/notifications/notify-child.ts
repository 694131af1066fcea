/**
 * A worker process running one notify activity with a real e-mail channel, for the test that kills it
 * mid-send (killed-worker.test.ts):
 * `node --import tsx tests/notifications/notify-child.ts <database url> <smtp url> <lease ms> <input json>`.
 * Prints the activity's result as one JSON line if it ever finishes (the test kills it before).
 */
import pino from 'pino';
import { renderForm } from '../../activities/forms';
import { createEmailChannel } from '../../activities/notifications/channels';
import { createNotificationActivities } from '../../activities/notifications/notify';
import type { NotifyInput } from '../../domain/notifications';
import { openDatabase } from '../../platform/database/client';

async function main([databaseUrl, smtpUrl, leaseMs, input]: string[]): Promise<void> {
  const database = await openDatabase(databaseUrl);
  // A timeout far above the test's patience: the send hangs until the process is killed.
  const email = createEmailChannel({
    smtpUrl,
    from: 'Một cửa <no-reply@motcua.test>',
    timeoutMs: 10 * 60_000,
  });
  try {
    const { notify } = createNotificationActivities({
      db: database.prisma,
      channels: { email },
      publicBaseUrl: 'http://localhost:3000',
      logger: pino({ level: 'warn' }, pino.destination(2)),
      renderForm,
      sendLeaseMs: Number(leaseMs),
    });
    console.log(JSON.stringify(await notify(JSON.parse(input) as NotifyInput)));
  } finally {
    email.close();
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
