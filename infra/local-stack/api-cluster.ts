import cluster, { type Worker } from 'node:cluster';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Several API instances behind one port: a Node cluster primary (this process) forks
 * API_INSTANCES copies of dist/apps/api/src/main.js. They all listen on PORT; the primary
 * accepts the connections and hands them out round-robin, and stops handing them to an
 * instance the moment it dies. Each instance has its own log (api-<n>.log) and is restarted on
 * its own (five times in two minutes at most; past that this process exits and the stack says
 * why). Lines starting with ✔/✖ are status lines that `npm start` prints.
 *
 * The local stack runs this as one supervised process, so a Ctrl-C in the terminal reaches the
 * stack alone and the instances are stopped in order. In production, run the API as N
 * processes or containers behind the load balancer instead.
 */
const root = resolve(__dirname, '..', '..', '..'); // dist/infra/local-stack -> project root
const instances = Number(process.env.API_INSTANCES ?? 2);
const logsDir = process.env.API_LOGS_DIR ?? join(root, 'data', 'logs');
const main = join(root, 'dist', 'apps', 'api', 'src', 'main.js');

interface Instance {
  n: number;
  worker?: Worker;
  ready: boolean;
  restarts: number[];
}
const slots: Instance[] = Array.from({ length: instances }, (_, i) => ({ n: i + 1, ready: false, restarts: [] }));
let stopping = false;
let announced = false;

const status = (line: string) => process.stdout.write(`${line}\n`);

cluster.setupPrimary({ exec: main, execArgv: ['--enable-source-maps'], silent: true });

function start(slot: Instance): void {
  slot.ready = false;
  const worker = cluster.fork({ APP_INSTANCE: String(slot.n) });
  slot.worker = worker;
  mkdirSync(logsDir, { recursive: true });
  const log = createWriteStream(join(logsDir, `api-${slot.n}.log`), { flags: 'a' });
  const pipe = (chunk: Buffer) => {
    log.write(chunk);
    if (!slot.ready && chunk.toString().includes('api ready')) {
      slot.ready = true;
      status(`✔ api#${slot.n}     pid ${worker.process.pid}  ready  log ${join(logsDir, `api-${slot.n}.log`)}`);
      if (!announced && slots.every((s) => s.ready)) {
        announced = true;
        status(`api ready: ${instances} instances on port ${process.env.PORT ?? 3000}`);
      }
    }
  };
  worker.process.stdout?.on('data', pipe);
  worker.process.stderr?.on('data', pipe);
  worker.on('exit', (code, signal) => {
    log.end();
    if (stopping) return;
    const now = Date.now();
    slot.restarts = slot.restarts.filter((t) => now - t < 120_000);
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    if (slot.restarts.length >= 5) {
      status(`✖ api#${slot.n}     ${how} 5 times within 2 minutes; giving up`);
      void stop(1);
      return;
    }
    slot.restarts.push(now);
    status(`✖ api#${slot.n}     pid ${worker.process.pid} ${how}; restarting (${slot.restarts.length}/5 in 2 min)`);
    setTimeout(() => start(slot), 500 * slot.restarts.length);
  });
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    slots.map(
      (s) =>
        new Promise<void>((done) => {
          const w = s.worker;
          if (!w || w.isDead()) return done();
          w.once('exit', () => done());
          w.process.kill('SIGTERM');
          setTimeout(() => w.process.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  process.exit(code);
}

process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
slots.forEach(start);
