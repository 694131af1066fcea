import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryChannel } from '../../domain/notifications';

/** Messages per second each channel's provider accepts from this process. */
export type ChannelRates = Partial<Record<DeliveryChannel, number>>;

/**
 * Spaces the sends of each channel evenly at its rate, within this process: every caller books the next
 * free slot and waits for it. Each worker process paces on its own, so N workers reach N times the rate.
 */
export function createChannelPacer(rates: ChannelRates): (channel: DeliveryChannel) => Promise<void> {
  const nextFree = new Map<DeliveryChannel, number>();
  return async (channel) => {
    const rate = rates[channel];
    if (!rate) return;
    const now = Date.now();
    const at = Math.max(now, nextFree.get(channel) ?? 0);
    nextFree.set(channel, at + 1000 / rate);
    if (at > now) await sleep(at - now);
  };
}
