/**
 * Messages leave from a task queue of their own, named after the dossier queue, so that a burst of
 * reminders waits there (paced per channel by the workers that poll it) instead of before dossier work.
 * Deriving the name keeps it deterministic in the workflow and apart for every deployment and test queue.
 */
export function notificationTaskQueue(dossierTaskQueue: string): string {
  return `${dossierTaskQueue}-notifications`;
}

/**
 * Calls to the national portal have their own queue too: each waits seconds on a slow portal, so they
 * get many slots of their own rather than holding those dossier work needs.
 */
export function portalTaskQueue(dossierTaskQueue: string): string {
  return `${dossierTaskQueue}-portal`;
}
