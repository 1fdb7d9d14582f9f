import { eachInPool, inPool } from './in-pool';

const tick = () => new Promise((r) => setImmediate(r));

describe('inPool', () => {
  it('keeps at most N tasks in flight and answers in index order', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await inPool(20, 3, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      for (let k = 0; k < (i % 4) + 1; k++) await tick();
      inFlight--;
      return i * 2;
    });
    expect(most).toBe(3);
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('after a failure takes no new task, lets the held ones finish, then throws the first error', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = eachInPool([0, 1, 2, 3, 4, 5, 6, 7], 2, async (item) => {
      started.push(item);
      await tick();
      if (item === 1) throw new Error('boom at 1');
      await tick();
      finished++;
    });
    await expect(run).rejects.toThrow('boom at 1');
    expect(started).toEqual([0, 1]);
    expect(finished).toBe(1);
  });
});
