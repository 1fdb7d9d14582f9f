import { join } from 'node:path';
import { ManagedProcess, waitUntil } from './managed-process';
import { nodeArgs } from './node-args';

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

/** Which copy of an app this is (1-based) and how many run; one of one keeps the plain names. */
export interface Instance {
  n: number;
  of: number;
}

/** One app of the stack, restarted when it dies, up to a limit; past it the stack gives up loudly. */
export class SupervisedApp {
  readonly process: ManagedProcess;
  /** 'worker' alone, 'worker#2' of several: in status lines. */
  readonly label: string;
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
    readonly instance: Instance = { n: 1, of: 1 },
  ) {
    const several = instance.of > 1;
    // The API's instances are one supervised cluster; worker and notifier instances are processes of their own.
    this.label = several && spec.name !== 'api' ? `${spec.name}#${instance.n}` : spec.name;
    // Several API instances share one port through a cluster primary that forks and restarts them.
    const script =
      spec.name === 'api' && several
        ? join(root, 'dist', 'infra', 'local-stack', 'api-cluster.js')
        : join(root, 'dist', 'apps', spec.name, 'src', 'main.js');
    this.process = new ManagedProcess({
      name: this.label,
      command: process.execPath,
      args: nodeArgs(spec.name, script),
      env: {
        ...env,
        APP_NAME: spec.name,
        APP_INSTANCE: String(instance.n),
        ...(spec.name === 'api' && several ? { API_INSTANCES: String(instance.of), API_LOGS_DIR: logsDir } : {}),
      },
      cwd: root,
      logFile: join(logsDir, spec.name === 'api' || !several ? `${spec.name}.log` : `${spec.name}-${instance.n}.log`),
    });
    this.process.onLine = (line) => {
      if (!this.ready && line.includes(spec.readyText)) this.ready = true;
      // The API cluster reports each of its instances (ready, died, restarted).
      if (/^[✔✖] api#\d/.test(line)) this.hooks.status(line);
    };
    this.process.onUnexpectedExit = (code, signal) => this.onCrash(code, signal);
  }

  async start(timeoutMs = 120000): Promise<void> {
    this.ready = false;
    this.process.start();
    await waitUntil(this.label, async () => this.ready, { timeoutMs, process: this.process });
    this.supervising = true;
  }

  private onCrash(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.supervising) return; // start() reports it
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 120000);
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    if (this.restarts.length >= 5) {
      this.hooks.giveUp(`${this.label} ${how} 5 times within 2 minutes; see ${this.process.spec.logFile}`);
      return;
    }
    this.restarts.push(now);
    this.hooks.status(`✖ ${this.label.padEnd(9)} ${how}; restarting (${this.restarts.length}/5 in 2 min)`);
    setTimeout(() => {
      this.start()
        .then(() => this.hooks.status(`✔ ${this.label.padEnd(9)} restarted and ready`))
        .catch((err) => this.hooks.giveUp(`${this.label} did not come back: ${err.message}`));
    }, 1000 * this.restarts.length);
  }

  stop(): Promise<void> {
    return this.process.stop(15000);
  }
}

/**
 * The apps of a stack at a scale: worker and notifier instances each a process of their own with
 * a metrics port (METRICS_PORT counting up from `metricsPortBase`: the workers, then the
 * notifiers), and the API as one process or as a cluster of `scale.api` instances on one port.
 */
export function supervisedApps(
  scale: { api: number; worker: number; notifier: number },
  root: string,
  logsDir: string,
  env: Record<string, string>,
  hooks: { status: (line: string) => void; giveUp: (why: string) => void },
  metricsPortBase: number | null,
): SupervisedApp[] {
  const apps: SupervisedApp[] = [];
  let metricsPort = metricsPortBase;
  for (const spec of APPS) {
    // Apps SCALE does not name run once.
    const count = spec.name === 'api' ? 1 : ((scale as unknown as Record<string, number | undefined>)[spec.name] ?? 1);
    for (let n = 1; n <= count; n++) {
      const own: Record<string, string> = spec.name !== 'api' && metricsPort !== null ? { METRICS_PORT: String(metricsPort++) } : {};
      apps.push(new SupervisedApp(spec, root, logsDir, { ...env, ...own }, hooks, { n, of: spec.name === 'api' ? scale.api : count }));
    }
  }
  return apps;
}
