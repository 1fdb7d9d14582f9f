import { startTestStack } from './test-stack';

/** Jest global setup: one test stack for the whole run; workers inherit its addresses via env. */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const stack = await startTestStack();
  // The notification tests' receivers run on loopback and the matrix saves a county's webhook: allowed as an operator would allow them.
  Object.assign(process.env, stack.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    WEBHOOK_ALLOWED_URLS: 'http://127.0.0.1:,https://hooks.example.gov.cn/',
  });
  (globalThis as Record<string, unknown>).__HAZARD_TEST_STACK__ = stack;
  console.log(`\n[test-stack] PostgreSQL, Redis and Temporal up in ${((Date.now() - t0) / 1000).toFixed(1)} s (data ${stack.dataDir})`);
}
