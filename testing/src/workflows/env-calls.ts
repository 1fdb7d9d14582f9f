import type { Connection, WorkflowClientInterceptor } from '@temporalio/client';

/** How long teardown waits for the calls still out: past one retry backoff of the client (5 s × 1.2 jitter). */
const SETTLE_MS = 8_000;

/**
 * The client calls of one test env, so its teardown can end them before the server goes. A test
 * body that outlived Jest's timeout (or a sibling left running by a failed Promise.all) keeps
 * calling; a call still out when the server is killed fails UNAVAILABLE, the SDK's retry
 * interceptor retries it from a timer after the connection is closed, and `createCall` throws
 * "Channel has been shut down" into whichever test file runs next in the worker.
 *
 * `close()` refuses new calls, cancels the ones out (an abort signal on each, chained to any outer
 * one a caller set), and waits for them while the server and worker are still up: a call
 * waiting out a retry backoff cannot be cancelled (the retry interceptor has no cancel handler), it
 * is retried against the live server instead. Calls outside the workflow interceptors (fetchHistory,
 * an update's outcome poll) are not seen here.
 */
export function envCalls() {
  let connection: Connection | undefined;
  const closing = new AbortController();
  const out = new Set<Promise<unknown>>();

  function track<T>(what: string, call: () => Promise<T>): Promise<T> {
    if (closing.signal.aborted) return Promise.reject(new Error(`${what}: the test env is torn down (a test body outlived its test?)`));
    if (!connection) return call();
    const conn = connection;
    const outer = conn.callContextStorage.getStore()?.abortSignal;
    // One signal per call, so the env's long-lived signal does not collect a listener per call.
    const mine = new AbortController();
    const abort = () => mine.abort();
    closing.signal.addEventListener('abort', abort, { once: true });
    outer?.addEventListener('abort', abort, { once: true });
    if (outer?.aborted) mine.abort();
    const p = conn.withAbortSignal(mine.signal, call).finally(() => {
      closing.signal.removeEventListener('abort', abort);
      outer?.removeEventListener('abort', abort);
      out.delete(p);
    });
    out.add(p);
    return p;
  }

  const interceptor: WorkflowClientInterceptor = {
    startWithDetails: (input, next) => track('start', () => next(input)),
    signal: (input, next) => track('signal', () => next(input)),
    signalWithStart: (input, next) => track('signalWithStart', () => next(input)),
    query: (input, next) => track('query', () => next(input)),
    startUpdate: (input, next) => track('update', () => next(input)),
    terminate: (input, next) => track('terminate', () => next(input)),
    cancel: (input, next) => track('cancel', () => next(input)),
    describe: (input, next) => track('describe', () => next(input)),
  };

  return {
    interceptor,
    track,
    bind(c: Connection) {
      connection = c;
    },
    /** Refuses new calls, cancels those out and waits for them (bounded); says which did not end. */
    async close(): Promise<void> {
      if (closing.signal.aborted) return;
      closing.abort();
      if (!out.size) return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), SETTLE_MS)));
      const settled = await Promise.race([Promise.allSettled([...out]).then(() => 'settled' as const), late]);
      clearTimeout(timer);
      if (settled === 'late') console.warn(`test env teardown: ${out.size} client call(s) still out after ${SETTLE_MS} ms`);
    },
  };
}
