import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { HAZARD_SEARCH_ATTRIBUTES } from '@hazards/temporal/search-attributes';
import { ManagedProcess, waitUntil } from './managed-process';
import { portAnswers } from './net';

export interface TemporalDevServerOptions {
  cli: string;
  dataDir: string;
  port: number;
  uiPort: number | null; // null = headless
  httpPort: number;
  metricsPort: number;
  logFile: string;
  /** In memory (tests) instead of the SQLite file (local stack). */
  inMemory?: boolean;
}

/**
 * Dynamic config for the dev server from TEMPORAL_DYNAMIC_CONFIG, comma-separated `key=value`
 * (values as YAML), e.g. `system.enableActivityEagerExecution=true` to try eager activity dispatch.
 */
export function dynamicConfigFromEnv(value = process.env.TEMPORAL_DYNAMIC_CONFIG ?? ''): string[] {
  const settings = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = settings.find((s) => !/^[\w.]+=\S+$/.test(s));
  if (bad) throw new Error(`TEMPORAL_DYNAMIC_CONFIG: "${bad}" is not key=value (e.g. system.enableActivityEagerExecution=true)`);
  return settings;
}

/**
 * The Temporal CLI's dev server. With a database file, workflows survive a restart; the WAL
 * pragmas give about 3× the start rate of the default SQLite settings (../shared/machine.md).
 * The custom search attributes are registered at every start (idempotent).
 */
export class TemporalDevServer {
  readonly process: ManagedProcess;

  constructor(private readonly o: TemporalDevServerOptions) {
    const args = [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(o.port),
      '--http-port',
      String(o.httpPort),
      '--metrics-port',
      String(o.metricsPort),
      '--log-level',
      'warn',
    ];
    if (!o.inMemory) {
      args.push(
        '--db-filename',
        join(o.dataDir, 'temporal.db'),
        '--sqlite-pragma',
        'journal_mode=wal',
        '--sqlite-pragma',
        'synchronous=normal',
      );
    }
    if (o.uiPort === null) args.push('--headless');
    else args.push('--ui-port', String(o.uiPort), '--ui-ip', '127.0.0.1', '--ui-disable-news-fetch');
    for (const [name, type] of Object.entries(HAZARD_SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
    for (const setting of dynamicConfigFromEnv()) args.push('--dynamic-config-value', setting);
    this.process = new ManagedProcess({ name: 'temporal', command: o.cli, args, logFile: o.logFile });
  }

  get address(): string {
    return `127.0.0.1:${this.o.port}`;
  }

  get uiUrl(): string | null {
    return this.o.uiPort === null ? null : `http://127.0.0.1:${this.o.uiPort}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.o.dataDir, { recursive: true });
    this.process.start();
    await waitUntil('Temporal', () => this.healthy(), { timeoutMs: 60000, process: this.process });
    if (this.o.uiPort !== null) {
      const ui = this.o.uiPort;
      await waitUntil('Temporal UI', () => portAnswers(ui), { timeoutMs: 30000, process: this.process });
    }
  }

  private healthy(): Promise<boolean> {
    return temporalAnswers(this.address, this.o.port);
  }

  stop(): Promise<void> {
    return this.process.stop(20000);
  }
}

/** True once a Temporal frontend at `address` answers a system-info call. */
export async function temporalAnswers(address: string, port: number): Promise<boolean> {
  if (!(await portAnswers(port))) return false;
  const conn = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    await conn.workflowService.getSystemInfo({});
    return true;
  } finally {
    await conn.close();
  }
}
