import { join, resolve } from 'node:path';
import { ManagedProcess, waitUntil } from '../../infra/local-stack/managed-process';

const ROOT = resolve(__dirname, '..', '..', '..');

/** Runs one of the built apps (dist/apps/<name>) as a real process, until its ready line. */
export function startAppProcess(name: 'api' | 'worker' | 'notifier' | 'importer', env: Record<string, string>, logDir: string): Promise<ManagedProcess> {
  return startNodeProcess(name, join(ROOT, 'dist', 'apps', name, 'src', 'main.js'), env, logDir, `${name} ready`);
}

/** Runs a built script as a real process and waits until it prints `readyText`. */
export async function startNodeProcess(name: string, script: string, env: Record<string, string>, logDir: string, readyText: string): Promise<ManagedProcess> {
  const p = new ManagedProcess({
    name,
    command: process.execPath,
    args: [script],
    env: { ...env, APP_NAME: name, LOG_LEVEL: env.LOG_LEVEL ?? 'info' /* the ready lines are info-level */ },
    cwd: ROOT,
    logFile: join(logDir, `${name}.log`),
  });
  let ready = false;
  p.onLine = (line) => {
    if (line.includes(readyText)) ready = true;
  };
  p.start();
  await waitUntil(name, async () => ready, { timeoutMs: 120000, process: p });
  return p;
}
