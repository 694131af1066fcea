/**
 * Messages leave from a task queue of their own, named after the dossier queue, so that a burst of
 * reminders waits there (paced per channel by the workers that poll it) instead of before dossier work.
 * Deriving the name keeps it deterministic in the workflow and apart for every deployment and test queue.
 */
export function notificationTaskQueue(dossierTaskQueue: string): string {
  return `${dossierTaskQueue}-notifications`;
}
