import { setTimeout as pause } from 'node:timers/promises';

/**
 * Calls `call`, and calls it again while it throws an error that `retryable` accepts: at most
 * `attempts` calls in all, with a pause of `pauseMs` × the attempt before each repeat (the other
 * side gets a little longer each time). With `withinMs`, no repeat is started whose pause would end
 * past that long after the first call. Any other error, and the last one, are the caller's.
 */
export async function retryWhile<T>(
  call: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  o: { attempts: number; pauseMs: number; withinMs?: number },
): Promise<T> {
  const until = o.withinMs === undefined ? Infinity : Date.now() + o.withinMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = o.pauseMs * attempt;
      if (attempt >= o.attempts || !retryable(error) || Date.now() + wait > until) throw error;
      await pause(wait);
    }
  }
}
