import { mkdirSync } from 'node:fs';
import Redis from 'ioredis';
import { ManagedProcess, waitUntil } from './managed-process';

export interface RedisOptions {
  bin: string;
  dataDir: string;
  port: number;
  logFile: string;
}

/**
 * Redis with our own config: append-only file on (a restart loses no queued job) and
 * `noeviction` (BullMQ must never have its keys evicted under memory pressure).
 */
export class RedisServer {
  readonly process: ManagedProcess;

  constructor(private readonly o: RedisOptions) {
    this.process = new ManagedProcess({
      name: 'redis',
      command: o.bin,
      args: [
        '--port',
        String(o.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        o.dataDir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
        '--daemonize',
        'no',
        '--save',
        '',
        '--protected-mode',
        'yes',
      ],
      logFile: o.logFile,
    });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.o.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.o.dataDir, { recursive: true });
    this.process.start();
    await waitUntil('Redis', () => this.ping(), { timeoutMs: 20000, process: this.process });
  }

  private async ping(): Promise<boolean> {
    const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined); // refused while starting: the probe just answers false
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } finally {
      r.disconnect();
    }
  }

  stop(): Promise<void> {
    return this.process.stop(15000);
  }
}
