import { setTimeout as sleep } from 'node:timers/promises';

/** How long an action's answer waits at most for the read model to show the action. */
export const READ_MODEL_WAIT_MS = 3_000;

/**
 * Waits until the read model holds `version` of a case, or READ_MODEL_WAIT_MS pass. The answer comes from
 * the workflow's state, but a clerk usually reads the list next, so it waits a moment for the projection,
 * never more. The workflow itself does not wait for it (docs/determinism.md).
 */
export async function readModelCaughtUp(
  projectedVersion: () => Promise<number | undefined>,
  version: number,
): Promise<boolean> {
  const deadline = Date.now() + READ_MODEL_WAIT_MS;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    if (((await projectedVersion()) ?? 0) >= version) return true;
    if (Date.now() + pause > deadline) return false;
    await sleep(pause);
  }
}
