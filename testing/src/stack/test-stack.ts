import { join } from 'node:path';
import type { ManagedProcess } from '../../../infra/local-stack/managed-process';
import { startAppProcess } from './app-process';
import { startEphemeralStack, type EphemeralStack } from './ephemeral-stack';

/** The services integration tests need (see startEphemeralStack), and the importer. */
export async function startTestStack(): Promise<Omit<EphemeralStack, 'env'> & { importer: ManagedProcess; env: Record<string, string> }> {
  const stack = await startEphemeralStack({ purpose: 'test' });
  const importer = await startImporter(stack.env, join(stack.dataDir, 'logs'));
  return { ...stack, importer, env: { ...stack.env, POSTGRES_SUPERUSER_SOCKET: stack.infra.postgres.socketDir } };
}

/**
 * The importer as a real process (from dist/, which npm test builds first), as the local stack
 * runs it: API tests queue imports and this process runs them, each in a child with a heap limit.
 */
export function startImporter(env: Record<string, string>, logDir: string, extra: Record<string, string> = {}): Promise<ManagedProcess> {
  return startAppProcess(
    'importer',
    { ...env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...extra },
    logDir,
    `importer${extra.QUEUE_PREFIX ? `-${extra.QUEUE_PREFIX}` : ''}`,
  );
}

export async function stopTestStack(stack: Awaited<ReturnType<typeof startTestStack>>): Promise<void> {
  await stack.importer.stop(5000);
  await stack.stop();
}
