import { startTestStack } from './test-stack';

/** Jest global setup: one test stack for the whole run; workers inherit its addresses via env. */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const stack = await startTestStack();
  Object.assign(process.env, stack.env, { NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  (globalThis as Record<string, unknown>).__HAZARD_TEST_STACK__ = stack;
  console.log(`\n[test-stack] PostgreSQL, Redis and Temporal up in ${((Date.now() - t0) / 1000).toFixed(1)} s (data ${stack.dataDir})`);
}
