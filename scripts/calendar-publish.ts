/**
 * `npm run calendar:publish`: after a release that changes domain/calendar/data, validates the data and
 * has every running dossier count its deadlines again on it (docs/calendar.md). Waits for the fan-out and
 * prints how many dossiers were told.
 */
import { loadConfig } from '../platform/config/config';
import { publishCalendar } from '../workers/calendar-publication';
import { connectClient } from '../platform/temporal/connection';

async function main(): Promise<void> {
  const config = loadConfig();
  const client = await connectClient(config);
  try {
    const { publication, handle } = await publishCalendar({ client, taskQueue: config.TEMPORAL_TASK_QUEUE });
    console.log(
      `calendar ${publication.version} (${Object.keys(publication.announcements).join(', ')}) published`,
    );
    console.log(`${await handle.result()} running dossiers told (workflow ${handle.workflowId})`);
  } finally {
    await client.connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
