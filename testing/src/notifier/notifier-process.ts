import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagedProcess } from '../../../infra/local-stack/managed-process';
import { distPath, REPO_ROOT } from '../paths';
import { startNodeProcess } from '../stack/app-process';

export const NOTIFIER_MAIN = distPath('apps', 'notifier', 'src', 'main.js');

/**
 * Compiles the notifier and the libraries it uses with swc, into dist/ exactly where
 * `npm run build` puts them (only these folders, so the build does not depend on unrelated work).
 */
export function buildNotifier(): void {
  // `npm test` builds first; skip when dist/ is already newer than every source it needs.
  if (
    existsSync(NOTIFIER_MAIN) &&
    newestSource([join(REPO_ROOT, 'apps', 'notifier'), join(REPO_ROOT, 'libs')]) < statSync(NOTIFIER_MAIN).mtimeMs
  )
    return;
  const r = spawnSync(
    'npx',
    ['swc', 'apps/notifier', 'libs', '-d', 'dist', '--copy-files', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (r.status !== 0 || !existsSync(NOTIFIER_MAIN)) throw new Error(`swc build of the notifier failed: ${r.stderr || r.stdout}`);
}

/** The real notifier app (`node dist/apps/notifier/src/main.js`) as a child process we can kill -9 and start again. */
export class NotifierProcess {
  private process?: ManagedProcess;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  /** Starts it and waits for its ready line. */
  async start(): Promise<void> {
    this.process = await startNodeProcess('notifier', NOTIFIER_MAIN, this.env, this.logFile, 'notifier ready');
  }

  /** SIGKILL: no shutdown hooks, no lock release, jobs left active mid-send. */
  async kill9(): Promise<void> {
    await this.process?.kill();
  }

  async stop(): Promise<void> {
    await this.process?.stop(10_000);
  }
}

function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return newest;
}
