import { readModelCaughtUp } from '../../api/read-model-wait';

test('an action waits for the read model to reach its version, however many reads that takes', async () => {
  const versions = [undefined, 3, 4, 5, 6];
  let reads = 0;
  const caughtUp = await readModelCaughtUp(async () => versions[reads++], 5);
  expect(caughtUp).toBe(true);
  expect(reads).toBe(4);
});

test('a newer version in the read model counts as caught up', async () => {
  expect(await readModelCaughtUp(async () => 9, 5)).toBe(true);
});

test('a read model that never catches up ends the wait, and the answer goes out regardless', async () => {
  let reads = 0;
  const caughtUp = await readModelCaughtUp(async () => {
    reads += 1;
    return 1;
  }, 2);
  expect(caughtUp).toBe(false);
  expect(reads).toBeGreaterThan(1);
});
