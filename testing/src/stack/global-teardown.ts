import { stopTestStack, type startTestStack } from './test-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__HAZARD_TEST_STACK__ as Awaited<ReturnType<typeof startTestStack>> | undefined;
  if (stack) await stopTestStack(stack);
}
