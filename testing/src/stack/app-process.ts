import { join } from 'node:path';
import { ManagedProcess, waitUntil } from '../../../infra/local-stack/managed-process';
import { nodeArgs } from '../../../infra/local-stack/node-args';
import { distPath, REPO_ROOT } from '../paths';

export type AppName = 'api' | 'worker' | 'notifier' | 'importer';

/** Runs one of the built apps (dist/apps/<name>) as a real process, until its ready line. Its log: `<logDir>/<name>.log`. */
export function startAppProcess(
  name: AppName,
  env: Record<string, string>,
  logDir: string,
  logName: string = name,
): Promise<ManagedProcess> {
  return startNodeProcess(name, distPath('apps', name, 'src', 'main.js'), env, join(logDir, `${logName}.log`), `${name} ready`);
}

/**
 * Runs a built script as a real process and waits until it prints `readyText`. The process is
 * killed when ours exits, so an interrupted run leaves none behind.
 */
export async function startNodeProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  logFile: string,
  readyText: string,
): Promise<ManagedProcess> {
  const p = new ManagedProcess({
    name,
    command: process.execPath,
    args: nodeArgs(name, script),
    env: { ...env, APP_NAME: name, LOG_LEVEL: env.LOG_LEVEL ?? 'info' /* the ready lines are info-level */ },
    cwd: REPO_ROOT,
    logFile,
  });
  let ready = false;
  p.onLine = (line) => {
    if (line.includes(readyText)) ready = true;
  };
  process.on('exit', () => p.killNow());
  p.start();
  await waitUntil(name, async () => ready, { timeoutMs: 120_000, process: p });
  return p;
}
