import { condition, log, proxyActivities } from '@temporalio/workflow';
import type { DossierActivities } from '../activities/types';

/**
 * The projections of every case into the read model. It must follow every change, so a projection
 * retries while the database is down; a state it can never store (a poison value) gives up after about an
 * hour, and the next change projects it all again.
 */
export const readModel = proxyActivities<
  Pick<DossierActivities, 'projectDossier' | 'projectFeedback' | 'projectCorrection'>
>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 20,
  },
});

/**
 * Whether this run issues every command while it handles the job that calls for it, never after an
 * await: its messages all leave at once, and its actions answer without waiting for the read model (the
 * API waits for it instead). Runs started before this replay as they were. See docs/determinism.md.
 */
export const COMMANDS_AT_ONCE = 'commands-at-once';

/** How long an action of a run started before `commands-at-once` waits in the workflow for the read model. */
const PROJECTION_WAIT = '3 seconds';

/**
 * A case's projections, stored in the background: the case's state is the truth and nothing it does
 * waits on the read model, which catches up. `sent()` resolves once every projection asked for is done.
 */
export function projections<S extends { version: number }>(project: (state: S) => Promise<unknown>) {
  let all: Promise<void> = Promise.resolve();
  let projectedVersion = 0;
  return {
    project(next: S) {
      const projected = project(next).then(
        () => {
          projectedVersion = Math.max(projectedVersion, next.version);
        },
        (err: unknown) => log.warn('read model not updated', { version: next.version, error: String(err) }),
      );
      all = Promise.all([all, projected]).then(() => undefined);
    },
    /** Runs started before `commands-at-once` only: the action waits a moment for the read model. */
    async waitFor(version: number): Promise<void> {
      await condition(() => projectedVersion >= version, PROJECTION_WAIT);
    },
    sent: () => all,
  };
}
