import { retryWhile } from './retry-while';

const failing = (errors: Error[], value = 'ok') => {
  let calls = 0;
  const call = async () => {
    const e = errors[calls++];
    if (e) throw e;
    return value;
  };
  return { call, calls: () => calls };
};
const busy = (e: unknown) => e instanceof Error && e.message === 'busy';

describe('retryWhile', () => {
  it('calls again while the error is one to retry, and answers the first success', async () => {
    const f = failing([new Error('busy'), new Error('busy')]);
    await expect(retryWhile(f.call, busy, { attempts: 4, pauseMs: 1 })).resolves.toBe('ok');
    expect(f.calls()).toBe(3);
  });

  it('throws any other error at once, and the last one after the attempts run out', async () => {
    const other = failing([new Error('broken')]);
    await expect(retryWhile(other.call, busy, { attempts: 4, pauseMs: 1 })).rejects.toThrow('broken');
    expect(other.calls()).toBe(1);
    const always = failing(Array.from({ length: 9 }, () => new Error('busy')));
    await expect(retryWhile(always.call, busy, { attempts: 3, pauseMs: 1 })).rejects.toThrow('busy');
    expect(always.calls()).toBe(3);
  });

  it('starts no repeat whose pause would end past its time, however many attempts are left', async () => {
    const always = failing(Array.from({ length: 99 }, () => new Error('busy')));
    // A sixth call would follow pauses of 10 + 20 + 30 + 40 + 50 = 150 ms, past 120 (a slow machine stops sooner).
    await expect(retryWhile(always.call, busy, { attempts: Infinity, pauseMs: 10, withinMs: 120 })).rejects.toThrow('busy');
    expect(always.calls()).toBeGreaterThanOrEqual(2);
    expect(always.calls()).toBeLessThanOrEqual(5);
  });
});
