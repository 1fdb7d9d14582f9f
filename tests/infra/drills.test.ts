import { spawn } from 'node:child_process';
import { distPath, REPO_ROOT } from '@hazards/testing/paths';

/*
 * The fault drills promise an operator "nothing lost, nothing twice" with instances killed. They
 * run outside this suite (minutes each), and two of them broke for days unnoticed: the notifier
 * came to refuse their webhook receiver, and scale-out crashed on the archive key yet printed ✔.
 * Here each runs small, on a stack of its own, as `npm run drill` runs it: from dist/, with
 * NODE_ENV=development and nothing else of this suite's environment.
 */

const TOOL_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'TEMPORAL_CLI', 'REDIS_SERVER_BIN', 'PG_BIN_DIR'];

function runDrill(name: string, sizes: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', ...sizes };
  for (const v of TOOL_VARIABLES) if (process.env[v]) env[v] = process.env[v];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [distPath('drills', `${name}.drill.js`)], { cwd: REPO_ROOT, env });
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
