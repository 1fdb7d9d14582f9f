import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `npm start` writes the settings its apps run with into `<data>/stack.json`, so a command run
 * beside it (`npm run cli -- audit verify`) reaches the same PostgreSQL, Redis and Temporal
 * without the person copying URLs around. Variables set in the environment always win.
 */
export const LOCAL_STACK_FILE = 'stack.json';

export interface LocalStackSettings {
  pid: number;
  startedAt: string;
  ports: Record<string, number>;
  /** The environment the stack's apps were started with (connection URLs, NODE_ENV ...). */
  env: Record<string, string>;
}

/** The project's root: the nearest folder above `from` with a package.json (works from source and from dist/). */
export function findProjectRoot(from: string): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function localStackDataDir(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? join(projectRoot, 'data'));
}

export function writeLocalStackSettings(dataDir: string, settings: LocalStackSettings): void {
  // It holds the local database password: readable by the owner only.
  writeFileSync(join(dataDir, LOCAL_STACK_FILE), JSON.stringify(settings, null, 2), { mode: 0o600 });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export type AdoptResult = { kind: 'adopted'; file: string; names: string[] } | { kind: 'not-needed' } | { kind: 'no-stack'; why: string };

/**
 * Fills the variables missing from `env` with the running local stack's settings. Nothing is
 * taken from a stack that is not running: its URLs would point at nothing.
 */
export function adoptLocalStackSettings(projectRoot: string, env: NodeJS.ProcessEnv = process.env): AdoptResult {
  const file = join(localStackDataDir(projectRoot, env), LOCAL_STACK_FILE);
  if (!existsSync(file)) return { kind: 'no-stack', why: `没有找到本地运行环境 / no local stack was started here (${file} is missing)` };
  const settings = JSON.parse(readFileSync(file, 'utf8')) as LocalStackSettings;
  if (!alive(settings.pid))
    return { kind: 'no-stack', why: `本地运行环境未在运行 / the local stack is not running (pid ${settings.pid} in ${file})` };
  const names = Object.keys(settings.env).filter((name) => env[name] === undefined);
  if (names.length === 0) return { kind: 'not-needed' };
  for (const name of names) env[name] = settings.env[name];
  return { kind: 'adopted', file, names };
}
