import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { dirname } from 'node:path';

/** One long-running child process of the local stack, its output kept in a log file. */
export interface ManagedProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  /** Signal that makes this process shut down cleanly (postgres: SIGINT = fast shutdown). */
  stopSignal?: NodeJS.Signals;
  /** Also echo output to our stdout (apps' JSON logs), prefixed with the name. */
  echo?: boolean;
}

export class ManagedProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private exitWaiters: Array<(code: number | null) => void> = [];
  exited = false;
  exitCode: number | null = null;
  stopping = false;
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /** Every output line, e.g. to notice an app's "ready" log line. */
  onLine?: (line: string) => void;

  constructor(readonly spec: ManagedProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    mkdirSync(dirname(this.spec.logFile), { recursive: true });
    this.log = createWriteStream(this.spec.logFile, { flags: 'a' });
    this.exited = false;
    this.stopping = false;
    // detached: a Ctrl-C in the terminal reaches only us, and we stop children in order.
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    const pipe = (chunk: Buffer) => {
      this.log?.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        if (this.spec.echo) process.stdout.write(`${this.spec.name} | ${line}\n`);
        this.onLine?.(line);
      }
    };
    child.stdout?.on('data', pipe);
    child.stderr?.on('data', pipe);
    child.on('error', (err) => this.log?.write(`spawn error: ${err.message}\n`));
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.exitCode = code;
      this.log?.end();
      const waiters = this.exitWaiters;
      this.exitWaiters = [];
      waiters.forEach((w) => w(code));
      if (!this.stopping) this.onUnexpectedExit?.(code, signal);
    });
  }

  /** Resolves when the process has exited; force-kills the whole group after `graceMs`. */
  async stop(graceMs = 15000): Promise<void> {
    if (!this.child || this.exited) return;
    this.stopping = true;
    const done = new Promise<number | null>((resolve) => this.exitWaiters.push(resolve));
    this.signal(this.spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await done;
    clearTimeout(timer);
  }

  /** SIGKILL to the whole group (no shutdown hooks run); resolves when the process has exited. */
  async kill(): Promise<void> {
    if (!this.child || this.exited) return;
    const done = new Promise<number | null>((resolve) => this.exitWaiters.push(resolve));
    this.signal('SIGKILL');
    await done;
  }

  /** Last resort when our own process is exiting: no orphaned servers. */
  killNow(): void {
    if (this.child && !this.exited) this.signal('SIGKILL');
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, sig); // the process group: runuser/npx wrappers pass it on
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  }
}

/** Polls `probe` until it resolves true; fails with the process's log path if it exits or times out. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; process?: ManagedProcess },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    if (opts.process?.exited) {
      throw new Error(`${what} exited (code ${opts.process.exitCode}) before it was ready; see ${opts.process.spec.logFile}`);
    }
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = opts.process ? `; see ${opts.process.spec.logFile}` : '';
  throw new Error(`${what} was not ready within ${Math.round(opts.timeoutMs / 1000)} s${log}`);
}
