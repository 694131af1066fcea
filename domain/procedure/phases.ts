import type { Duration } from '../duration';
import type { Procedure, Step } from './schema';

/** Steps grouped into sequential phases: a phase is one step, or a run of steps sharing a parallel group. */
export function stepPhases(procedure: Pick<Procedure, 'steps'>): Step[][] {
  const phases: Step[][] = [];
  for (const step of procedure.steps) {
    const last = phases[phases.length - 1];
    if (step.parallelGroup !== undefined && last && last[0].parallelGroup === step.parallelGroup) {
      last.push(step);
    } else {
      phases.push([step]);
    }
  }
  return phases;
}

/** A phase lasts as long as its longest step: the group finishes when all its steps have. */
export function phaseDuration(phase: readonly Step[]): Duration {
  if (phase.length === 0) throw new Error('phaseDuration: empty phase');
  const unit = phase[0].duration.unit;
  if (phase.some((s) => s.duration.unit !== unit)) {
    throw new Error(`phaseDuration: steps ${phase.map((s) => s.id).join(', ')} mix duration units`);
  }
  return { amount: Math.max(...phase.map((s) => s.duration.amount)), unit };
}
