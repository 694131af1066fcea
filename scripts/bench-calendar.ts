/**
 * How many statutory due dates (30 working days, the most common one-stop limit) one core computes
 * per second, over random receipt moments across 2025–2026. Target: 100,000/s.
 * Run: npx tsx scripts/bench-calendar.ts
 */
import { buildCalendarSnapshot, WorkingCalendar } from '../domain/calendar';
import type { Duration } from '../domain/duration';

const TARGET_PER_SECOND = 100_000;
const LIMIT: Duration = { amount: 30, unit: 'working_days' };
const SAMPLES = 1 << 16;

// 2027 is not announced yet: limits received late in 2026 end in it, so use statutory holidays there.
const calendar = new WorkingCalendar(
  buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2027, allowUnannounced: true }),
);

// A fixed-seed generator keeps runs comparable.
let seed = 0x2025;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const start = Date.parse('2025-01-01T00:00:00+07:00');
const span = Date.parse('2027-01-01T00:00:00+07:00') - start;
const receipts = Array.from({ length: SAMPLES }, () => new Date(start + Math.floor(random() * span)));

let checksum = 0;
function run(count: number): void {
  for (let i = 0; i < count; i++)
    checksum += calendar.addDuration(receipts[i & (SAMPLES - 1)], LIMIT).getTime() % 7;
}

run(200_000); // warm-up, lets the JIT optimise the hot path

let peakHeap = process.memoryUsage().heapUsed;
let done = 0;
const began = process.hrtime.bigint();
let elapsedNs = 0n;
while (elapsedNs < 1_500_000_000n) {
  run(50_000);
  done += 50_000;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  elapsedNs = process.hrtime.bigint() - began;
}

const perSecond = Math.round(done / (Number(elapsedNs) / 1e9));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
console.log(`calendar ${calendar.version}`);
console.log(
  `due dates (30 working days): ${perSecond.toLocaleString('en-US')}/s over ${done.toLocaleString('en-US')} receipts`,
);
console.log(
  `target: ${TARGET_PER_SECOND.toLocaleString('en-US')}/s — ${perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT met'}`,
);
console.log(`peak heap used: ${mib(peakHeap)} MiB (checksum ${checksum})`);
process.exitCode = perSecond >= TARGET_PER_SECOND ? 0 : 1;
