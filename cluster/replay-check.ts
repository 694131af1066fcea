import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';

export interface ReplayFigures {
  /** Workflow runs replayed, every type (dossiers, corrections, portal syncs, feedback, outbox…). */
  replayed: number;
  /** One line per run that does not replay: its workflow id and type, and the first mismatching event. */
  failures: string[];
}

/**
 * Replays the history of every workflow run of the namespace against the current workflow code. A worker
 * replays a history whenever its cache lacks the run (a query on an evicted or finished dossier, a restart),
 * so a history the code cannot replay is a dossier that stops answering some day: it fails the check even
 * if every live execution went well. Each failing history is saved as JSON under `failedDir` for diagnosis.
 */
export async function replayEveryHistory(
  client: Client,
  options: Pick<ReplayWorkerOptions, 'workflowBundle' | 'workflowsPath' | 'dataConverter'>,
  failedDir: string,
): Promise<ReplayFigures> {
  const types = new Map<string, string>();
  const histories = async function* () {
    for await (const run of client.workflow.list()) {
      types.set(run.runId, run.type);
      const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      yield { workflowId: run.workflowId, history };
    }
  };
  let replayed = 0;
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { ...options, replayName: 'replay-check' },
    histories(),
  )) {
    replayed += 1;
    if (!result.error) continue;
    const file = path.join(failedDir, `${result.workflowId}.${result.runId}.json`);
    fs.mkdirSync(failedDir, { recursive: true });
    const history = await client.workflow.getHandle(result.workflowId, result.runId).fetchHistory();
    fs.writeFileSync(file, historyToJSON(history));
    // Core's message names the first event the code disagrees with: "HistoryEvent(id: 53, TimerStarted)".
    failures.push(`${result.workflowId} (${types.get(result.runId)}): ${result.error.message} [${file}]`);
  }
  return { replayed, failures };
}
