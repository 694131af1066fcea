import type { PortalSimulator } from '../../platform/dev/portal-simulator';

/** The change numbers of the dossier's accepted calls of one service, in the order the portal took them. */
export function accepted(simulator: PortalSimulator, code: string, service: string): number[] {
  return simulator.calls
    .filter((c) => c.service === service && c.answer?.error_code === 0 && c.change?.startsWith(`${code}#`))
    .map((c) => Number(c.change!.split('#')[1]));
}

/** 1 … n. */
export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
