import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '../../../../libs/domain/src/policy/default-policy';
import { parsePolicy } from '../../../../libs/domain/src/policy/parse-policy';
import type { Policy } from '../../../../libs/domain/src/policy/policy.schema';
import { dataSourceOptions } from '../../../../libs/persistence/src/data-source-options';
import type { AuthUser } from '../../../../libs/access/src/auth-user';
import { UsersRepository } from '../../../../libs/access/src/users.repository';

/** `--name value`, `--name=value` and bare `--flag` options, and the positional arguments. */
export function parseArgs(args: string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) options[a.slice(2)] = args[++i];
    else options[a.slice(2)] = 'true';
  }
  return { positional, options };
}

export async function openDatabase(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL 未设置，也没有正在运行的本地环境：先运行 npm start，或设置 DATABASE_URL / DATABASE_URL is not set and no local stack is running: run npm start, or set DATABASE_URL (a postgres:// URL)');
  return new DataSource(dataSourceOptions(url, 12)).initialize();
}

export async function openTemporal(): Promise<{ client: Client; taskQueue: string; close: () => Promise<void> }> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS 未设置，也没有正在运行的本地环境：先运行 npm start，或设置 TEMPORAL_ADDRESS / TEMPORAL_ADDRESS is not set and no local stack is running: run npm start, or set TEMPORAL_ADDRESS (host:port)');
  const connection = await Connection.connect({ address });
  return {
    client: new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }),
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'hazards',
    close: () => connection.close(),
  };
}

export function currentPolicy(): Policy {
  const file = process.env.POLICY_FILE;
  return file ? parsePolicy(JSON.parse(readFileSync(file, 'utf8'))) : DEFAULT_POLICY;
}

/** The user named by --user, or an administrator's view of everything. */
export async function cliUser(ds: DataSource, username: string | undefined): Promise<AuthUser> {
  if (!username) {
    return { id: 'cli', username: 'cli', displayName: '命令行 / CLI', role: 'admin', jurisdictionId: null, jurisdictionLevel: null, jurisdictionPath: null, enterpriseId: null, departmentId: null, isSafetyDirector: false };
  }
  const u = await new UsersRepository(ds).findForLogin(username);
  if (!u) throw new Error(`用户不存在或已停用 / no active user: ${username}`);
  const { passwordHash: _p, ...user } = u;
  return user;
}

/** A progress bar on stderr (one line redrawn on a terminal, a line per 10% otherwise). */
export function progressBar(label: string) {
  let lastDecile = -1;
  const t0 = Date.now();
  return {
    update(done: number, total: number | null, note = '') {
      if (!total) return;
      const ratio = Math.min(1, done / total);
      const rate = done / Math.max(0.001, (Date.now() - t0) / 1000);
      const text = `${label} ${done}/${total} ${(ratio * 100).toFixed(0)}% ${rate.toFixed(0)} 行/秒 rows/s ${note}`;
      if (process.stderr.isTTY) {
        const width = 30;
        const fill = Math.round(ratio * width);
        process.stderr.write(`\r[${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${text}`);
      } else if (Math.floor(ratio * 10) > lastDecile) {
        lastDecile = Math.floor(ratio * 10);
        process.stderr.write(`${text}\n`);
      }
    },
    end() {
      if (process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}
