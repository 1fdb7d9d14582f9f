import { join } from 'node:path';
import { ManagedProcess, waitUntil } from './managed-process';

export interface AppSpec {
  name: 'api' | 'worker' | 'notifier' | 'importer';
  /** A log line containing this means the app is ready. */
  readyText: string;
}

export const APPS: AppSpec[] = [
  { name: 'worker', readyText: 'worker ready' },
  { name: 'notifier', readyText: 'notifier ready' },
  // Imports (批量导入) run here, each in a child process with its own heap limit, never in the API.
  { name: 'importer', readyText: 'importer ready' },
  { name: 'api', readyText: 'api ready' },
];

/** One app of the stack, restarted when it dies, up to a limit; past it the stack gives up loudly. */
export class SupervisedApp {
  readonly process: ManagedProcess;
  ready = false;
  /** Restarts apply once the app has been ready; a failure to start at all stops the stack. */
  supervising = false;
  private restarts: number[] = [];

  constructor(
    readonly spec: AppSpec,
    root: string,
    logsDir: string,
    env: Record<string, string>,
    private readonly hooks: { status: (line: string) => void; giveUp: (why: string) => void },
  ) {
    this.process = new ManagedProcess({
      name: spec.name,
      command: process.execPath,
      args: ['--enable-source-maps', join(root, 'dist', 'apps', spec.name, 'src', 'main.js')],
      env: { ...env, APP_NAME: spec.name },
      cwd: root,
      logFile: join(logsDir, `${spec.name}.log`),
    });
    this.process.onLine = (line) => {
      if (!this.ready && line.includes(spec.readyText)) this.ready = true;
    };
    this.process.onUnexpectedExit = (code, signal) => this.onCrash(code, signal);
  }

  async start(timeoutMs = 120000): Promise<void> {
    this.ready = false;
    this.process.start();
    await waitUntil(this.spec.name, async () => this.ready, { timeoutMs, process: this.process });
    this.supervising = true;
  }

  private onCrash(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.supervising) return; // start() reports it
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 120000);
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    if (this.restarts.length >= 5) {
      this.hooks.giveUp(`${this.spec.name} ${how} 5 times within 2 minutes; see ${this.process.spec.logFile}`);
      return;
    }
    this.restarts.push(now);
    this.hooks.status(`✖ ${this.spec.name.padEnd(9)} ${how}; restarting (${this.restarts.length}/5 in 2 min)`);
    setTimeout(() => {
      this.start()
        .then(() => this.hooks.status(`✔ ${this.spec.name.padEnd(9)} restarted and ready`))
        .catch((err) => this.hooks.giveUp(`${this.spec.name} did not come back: ${err.message}`));
    }, 1000 * this.restarts.length);
  }

  stop(): Promise<void> {
    return this.process.stop(15000);
  }
}
