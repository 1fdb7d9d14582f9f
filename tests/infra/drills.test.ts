import { spawn } from 'node:child_process';
import { distPath, REPO_ROOT } from '@hazards/testing/paths';

/*
 * The fault drills promise an operator "nothing lost, nothing twice" with processes killed. At
 * their sizes they take minutes each and ran only by hand, and two of them broke for days
 * unnoticed: the notifier came to refuse their webhook receiver, and scale-out crashed on the
 * archive key yet printed ✔. Here each fault drill runs small, on a stack of its own, as
 * `npm run drill` runs it: from dist/, with NODE_ENV=development and nothing else of this suite's
 * environment. (The load and abuse drills measure speed and memory; they stay manual.)
 */

const TOOL_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'TEMPORAL_CLI', 'REDIS_SERVER_BIN', 'PG_BIN_DIR'];

function runDrill(script: string, sizes: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', ...sizes };
  for (const v of TOOL_VARIABLES) if (process.env[v]) env[v] = process.env[v];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [distPath('drills', `${script}.drill.js`)], { cwd: REPO_ROOT, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The drill's last verdict line, its exit code, and (when it did not pass) the end of its output to read. */
function outcome({ code, output }: { code: number | null; output: string }) {
  const verdict =
    output
      .split('\n')
      .filter((line) => /^[✔✖] /.test(line))
      .pop() ?? '(no verdict)';
  return { code, verdict, output: code === 0 ? '' : output.split('\n').slice(-60).join('\n') };
}

it('notifier-kill: every delivery of 50 escalations arrives once through two notifier kills and a Redis restart', async () => {
  const result = outcome(await runDrill('notifier-kill', { DRILL_NOTIFICATIONS: '200', DRILL_PHASE_TIMEOUT_MS: '180000' }));
  expect(result).toEqual({ code: 0, verdict: '✔ notifier-kill: nothing lost, nothing twice', output: '' });
}, 600_000);

it('scale-out: two of each app, one of each killed under load, loses and repeats nothing', async () => {
  const result = outcome(
    await runDrill('scale-out', {
      DRILL_SCALE_USERS: '5',
      DRILL_SCALE_SECONDS: '30',
      DRILL_SCALE_ESCALATIONS: '40',
      DRILL_SCALE_DRAIN_SECONDS: '180',
    }),
  );
  expect(result).toEqual({ code: 0, verdict: '✔ scale-out: nothing lost, nothing twice', output: '' });
}, 900_000);

it('worker-kill: 30 lifecycles through two kill -9 of the worker close with every step written once', async () => {
  const result = outcome(await runDrill('worker-kill', { DRILL_LIFECYCLES: '30', DRILL_KILLS: '2' }));
  expect(result).toEqual({ code: 0, verdict: '✔ worker-kill: nothing lost, nothing twice', output: '' });
}, 600_000);

it('crash-after-commit: steps whose activity dies right after its commit are written once', async () => {
  // As `npm run drill crash-after-commit` runs it: the worker-kill drill with no kills and a fifth of the writes failing after their commit.
  const result = outcome(
    await runDrill('worker-kill', {
      DRILL_NAME: 'crash-after-commit',
      DRILL_KILLS: '0',
      DRILL_CRASH_AFTER_COMMIT_RATE: '0.2',
      DRILL_LIFECYCLES: '30',
    }),
  );
  expect(result).toEqual({ code: 0, verdict: '✔ crash-after-commit: nothing lost, nothing twice', output: '' });
}, 600_000);

it('dependency-outage: with PostgreSQL and then Temporal killed, the API answers 503 at once and recovers by itself', async () => {
  const result = outcome(await runDrill('dependency-outage', {}));
  expect(result).toEqual({ code: 0, verdict: '✔ dependency-outage: nothing lost, nothing twice', output: '' });
}, 600_000);
