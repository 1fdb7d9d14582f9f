import { setTimeout as pause } from 'node:timers/promises';

/**
 * Calls `call`, and calls it again while it throws an error that `retryable` accepts: at most
 * `attempts` calls in all, with a pause of `pauseMs` × the attempt before each repeat (the other
 * side gets a little longer each time). Any other error, and the last one, are the caller's.
 */
export async function retryWhile<T>(
  call: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  o: { attempts: number; pauseMs: number },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= o.attempts || !retryable(error)) throw error;
      await pause(o.pauseMs * attempt);
    }
  }
}
