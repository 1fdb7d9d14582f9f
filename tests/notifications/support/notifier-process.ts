import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Jest runs this from tests/; a drill runs the compiled copy from dist/tests/. Both mean the repository root.
const UP = join(__dirname, '..', '..', '..');
const ROOT = basename(UP) === 'dist' ? dirname(UP) : UP;
export const NOTIFIER_MAIN = join(ROOT, 'dist', 'apps', 'notifier', 'src', 'main.js');

/**
 * Compiles the notifier and the libraries it uses with swc, into dist/ exactly where
 * `npm run build` puts them (only these folders, so the build does not depend on unrelated work).
 */
export function buildNotifier(): void {
  // `npm test` builds first; skip when dist/ is already newer than every source it needs.
  if (existsSync(NOTIFIER_MAIN) && newestSource([join(ROOT, 'apps', 'notifier'), join(ROOT, 'libs')]) < statSync(NOTIFIER_MAIN).mtimeMs) return;
  const r = spawnSync('npx', ['swc', 'apps/notifier', 'libs', '-d', 'dist', '--copy-files', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000,
  });
  if (r.status !== 0 || !existsSync(NOTIFIER_MAIN)) throw new Error(`swc build of the notifier failed: ${r.stderr || r.stdout}`);
}

/** The real notifier app (`node dist/apps/notifier/src/main.js`) as a child process we can kill -9. */
export class NotifierProcess {
  private child?: ChildProcess;
  readonly exited: Promise<void>[] = [];

  constructor(private readonly env: Record<string, string>, private readonly logFile: string) {}

  start(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [NOTIFIER_MAIN], { cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited.push(new Promise((resolve) => child.on('exit', () => resolve())));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`notifier not ready in 90 s; see ${this.logFile}`)), 90_000);
      const onData = (b: Buffer) => {
        log.write(b);
        if (b.toString().includes('notifier ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`notifier exited with ${code}; see ${this.logFile}`));
      });
    });
  }

  /** SIGKILL: no shutdown hooks, no lock release, jobs left active mid-send. */
  async kill9(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGKILL');
    await this.exited[this.exited.length - 1];
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await this.exited[this.exited.length - 1];
    clearTimeout(t);
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
