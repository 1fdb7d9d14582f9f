import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmdirSync, symlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where PostgreSQL's files go when the project folder is out of the `postgres` user's reach. */
export const POSTGRES_FALLBACK_ROOT = '/var/lib/postgresql/hazard-rectification';

const isRoot = () => process.getuid?.() === 0;

/** Runs `test FLAG path` as the postgres OS user: can it reach (and use) that path? */
export function postgresUserCan(flag: '-x' | '-w', path: string): boolean {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', flag, path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

export interface PostgresDataLocation {
  /** The folder PostgreSQL's data and socket live in. */
  dir: string;
  /** Set when `dir` is outside the project: why, in a line a person reads at start. */
  relocatedBecause?: string;
}

/**
 * PostgreSQL refuses to run as root, so the local stack runs it as the `postgres` OS user, which
 * must be able to enter every parent of its data folder. A project cloned into root's home
 * (mode 700) is out of its reach. Rather than loosen the permissions of someone's home folder,
 * the cluster then lives under /var/lib/postgresql (the postgres user's own home, made by
 * Debian's package), in a folder named after the project's data folder so each checkout keeps
 * its own cluster across starts; `<data>/postgres` becomes a symlink to it, so it is found
 * where the rest of the data is.
 */
export function postgresDataLocation(projectPgDir: string): PostgresDataLocation {
  const wanted = resolve(projectPgDir);
  if (!isRoot()) return { dir: wanted };
  const link = existsSync(wanted) || isSymlink(wanted) ? wanted : null;
  if (link && isSymlink(link)) return { dir: readlinkSync(link), relocatedBecause: relocationNote(wanted) };
  if (postgresUserCan('-x', nearestExisting(wanted))) return { dir: wanted };
  const id = createHash('sha256').update(wanted).digest('hex').slice(0, 16);
  const dir = `${POSTGRES_FALLBACK_ROOT}/${id}`;
  mkdirSync(dir, { recursive: true });
  mkdirSync(dirname(wanted), { recursive: true });
  // An empty folder left by an earlier failed start would stand in the symlink's way.
  if (existsSync(wanted)) rmdirSync(wanted);
  symlinkSync(dir, wanted);
  return { dir, relocatedBecause: relocationNote(wanted) };
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

const relocationNote = (wanted: string) =>
  `${wanted} 的上级目录 postgres 用户无法进入，数据库文件改存于此 (${wanted} 为指向它的链接) / ` +
  `the postgres OS user cannot enter a parent of ${wanted}, so the cluster lives here (${wanted} links to it)`;
