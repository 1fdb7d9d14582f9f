import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { simpleParser } from 'mailparser';
import { join, resolve } from 'node:path';
import { seedDemoHazards } from '../../infra/local-stack/demo-hazards/demo-hazards.seeder';
import { freePort } from '../../infra/local-stack/net';
import { POSTGRES_FALLBACK_ROOT } from '../../infra/local-stack/postgres-data-location';
import { LOCAL_STACK_FILE, type LocalStackSettings } from '@hazards/config/local-stack-settings';
import { HAZARD_STATUSES } from '@hazards/domain/hazard/hazard-status';
import { DEMO_POLICY } from '@hazards/domain/policy/demo-policy';
import { within } from '@hazards/testing/polling';
import { loginDemoUser } from '@hazards/testing/stack/bench-stack';

/**
 * A new user clones into root's home folder (mode 700) and runs `npm start`, then the README's
 * `npm run cli -- audit verify`. The project here is a copy of the build in a fresh mode-700
 * folder, started the way `npm start` starts it, with no DATA_DIR and no connection variables.
 */
const ROOT = resolve(__dirname, '..', '..');
const STACK_VARIABLES = [
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'REDIS_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'DATA_DIR',
  'NODE_ENV',
  'POSTGRES_SUPERUSER_SOCKET',
  'ARCHIVE_ANCHOR_FILE',
  'EVIDENCE_DIR',
  'IMPORT_DIR',
  'SMTP_URL',
];

function withoutStackVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of STACK_VARIABLES) delete out[name];
  return out;
}

async function waitForHealthy(url: string, stack: ChildProcess, log: () => string): Promise<Record<string, unknown>> {
  let health: Record<string, unknown> | null = null;
  await within(
    240_000,
    async () => {
      if (stack.exitCode !== null) throw new Error(`npm start exited with ${stack.exitCode}:\n${log()}`);
      const res = await fetch(url).catch(() => null); // not listening yet
      if (res?.status === 200) health = (await res.json()) as Record<string, unknown>;
      return health !== null;
    },
    500,
  );
  if (!health) throw new Error(`no green /health within 4 minutes:\n${log()}`);
  return health;
}

describe("a first start from a clone in root's home folder (mode 700)", () => {
  jest.setTimeout(360_000);
  const home = mkdtempSync(join(tmpdir(), 'root-home-'));
  const project = join(home, 'hazard-rectification');
  let stack: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    mkdirSync(project);
    cpSync(join(ROOT, 'dist'), join(project, 'dist'), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  });

  afterAll(async () => {
    if (stack && stack.exitCode === null) {
      const exited = new Promise((r) => stack!.once('exit', r));
      stack.kill('SIGINT');
      await exited;
    }
    const pg = join(project, 'data', 'postgres');
    const relocated = existsSync(pg) && lstatSync(pg).isSymbolicLink() ? readlinkSync(pg) : null;
    rmSync(home, { recursive: true, force: true });
    if (relocated?.startsWith(POSTGRES_FALLBACK_ROOT)) rmSync(relocated, { recursive: true, force: true });
  });

  let ports: Record<string, number>;

  it('reaches a green /health, and the CLI verifies the archive with no variables set', async () => {
    expect(statSync(home).mode & 0o777).toBe(0o700);
    ports = {
      PORT: await freePort(),
      POSTGRES_PORT: await freePort(),
      REDIS_PORT: await freePort(),
      TEMPORAL_PORT: await freePort(),
      TEMPORAL_UI_PORT: await freePort(),
      TEMPORAL_HTTP_PORT: await freePort(),
      TEMPORAL_METRICS_PORT: await freePort(),
      MAIL_SINK_PORT: await freePort(),
    };
    stack = spawn(process.execPath, [join(project, 'dist/infra/local-stack/start-local-stack.js')], {
      cwd: project,
      env: { ...withoutStackVariables(process.env), ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout!.on('data', (c) => (output += c));
    stack.stderr!.on('data', (c) => (output += c));

    const health = await waitForHealthy(`http://127.0.0.1:${ports.PORT}/health`, stack, () => output);
    await within(240_000, () => output.includes('system is up') || stack?.exitCode !== null, 200);
    // Every dependency up. The whole may read `degraded` (still 200) for the calendar alone: from
    // 1 November until next year's holiday notice is loaded, deadlines in that year are estimates.
    expect(health.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' } });
    expect(health.status === 'ok' || (health.status === 'degraded' && Object.keys(health.error ?? {}).length === 0)).toBe(true);
    // The cluster could not live under the mode-700 folder; it lives where the postgres user can reach, and is linked.
    const pg = join(project, 'data', 'postgres');
    expect(lstatSync(pg).isSymbolicLink()).toBe(true);
    expect(readlinkSync(pg).startsWith(POSTGRES_FALLBACK_ROOT)).toBe(true);
    expect(output).toContain(readlinkSync(pg));

    const cli = spawnSync(process.execPath, [join(project, 'dist/apps/cli/src/main.js'), 'audit', 'verify'], {
      cwd: project,
      env: { PATH: process.env.PATH, HOME: home },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({
      status: 0,
      stderr: expect.stringContaining('using the running local stack'),
    });
    expect(cli.stdout).toMatch(/intact: \d+ rows verified/);
  });

  it('shows a living demo made through the API and the workflows, once: every state, listings at each level, escalations on the board, messages in the inbox', async () => {
    // The ready line does not wait for the demo: it is made in the background, and the banner says so.
    expect(output).toContain('The demo hazards are being made in the background');
    await within(300_000, () => /\[stack\] [✔✖] demo hazards/.test(output), 1000);
    expect(output).toMatch(/\[stack\] ✔ demo hazards: \d+ in every state/);
    expect(output.indexOf('system is up')).toBeLessThan(output.indexOf('[stack] ✔ demo hazards'));

    const api = `http://127.0.0.1:${ports.PORT}`;
    const city = await loginDemoUser(api, 'city');
    const board = await getJson<Board>(api, '/board', city);
    // Every state of the lifecycle, and a listing at each level, on the city's board.
    expect(HAZARD_STATUSES.filter((status) => !board.byStatus.some((s) => s.status === status && s.count > 0))).toEqual([]);
    expect(['township', 'county', 'city'].filter((level) => !board.byListingLevel.some((l) => l.level === level && l.count > 0))).toEqual(
      [],
    );
    // Overdue hazards escalated on the demo clock, with the ladder's action on the board.
    expect(board.overdueByStage.filter((s) => s.stage > 0).reduce((n, s) => n + s.count, 0)).toBeGreaterThan(0);
    expect(board.overdue.items.filter((i) => i.stageLabel !== null && i.policyVersion === DEMO_POLICY.version).length).toBeGreaterThan(0);
    // The county supervisor has the escalation notices in the inbox.
    const inbox = await getJson<{ items: { kind: string }[] }>(api, '/inbox?limit=100', await loginDemoUser(api, 'tongzhou'));
    expect(inbox.items.filter((m) => m.kind === 'escalation').length).toBeGreaterThan(0);
    // With no SMTP_URL, the escalation e-mails reach the stack's local mail sink and are kept as
    // .eml files in the data folder, instead of failing into the dead-letter queue.
    const mailDir = join(project, 'data', 'mail');
    await within(120_000, async () => (await mailsIn(mailDir)).some((m) => m.subject.startsWith('【隐患升级督办】')), 1000);
    expect(output).toContain(`local mail sink: e-mails kept as .eml in data/mail`);
    const mails = await mailsIn(mailDir);
    expect(mails.find((m) => m.subject.startsWith('【隐患升级督办】'))).toMatchObject({
      to: expect.stringContaining('@'),
      hazardId: expect.any(String),
    });

    // A later start does not make them again: the data folder records them as made.
    expect(JSON.parse(readFileSync(join(project, 'data', 'demo-hazards.json'), 'utf8')).state).toBe('done');
    // Making them again (what a start after an interrupted run does) repeats nothing.
    const before = await realCalendarHazards(api, city);
    const settings = JSON.parse(readFileSync(join(project, 'data', LOCAL_STACK_FILE), 'utf8')) as LocalStackSettings;
    const again = await seedDemoHazards({
      baseUrl: api,
      databaseUrl: settings.env.DATABASE_URL,
      temporalAddress: settings.env.TEMPORAL_ADDRESS,
      taskQueue: settings.env.TEMPORAL_TASK_QUEUE ?? 'hazards',
    });
    expect(again.failures).toEqual([]);
    expect((await getJson<Board>(api, '/board', city)).totals.total).toBe(board.totals.total);
    expect(await realCalendarHazards(api, city)).toEqual(before);
  });
});

interface Board {
  totals: { total: number };
  byStatus: { status: string; count: number }[];
  byListingLevel: { level: string; count: number }[];
  overdueByStage: { stage: number; count: number }[];
  overdue: { items: { stageLabel: { zh: string } | null; policyVersion: string }[] };
}

/** The mails the local mail sink kept, parsed. */
async function mailsIn(dir: string): Promise<{ subject: string; to: string; hazardId: string }[]> {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
  return Promise.all(
    files.map(async (f) => {
      const mail = await simpleParser(readFileSync(join(dir, f)));
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
      return { subject: mail.subject ?? '', to, hazardId: String(mail.headers.get('x-hazard-id') ?? '') };
    }),
  );
}

async function getJson<T>(api: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** Each demo hazard on the real calendar with its timeline and evidence counted (those on the demo clock keep escalating). */
async function realCalendarHazards(api: string, token: string): Promise<Record<string, { steps: number; evidence: number }>> {
  const page = await getJson<{ items: { id: string; policyVersion: string }[] }>(api, '/hazards?limit=200', token);
  const out: Record<string, { steps: number; evidence: number }> = {};
  for (const h of page.items.filter((i) => i.policyVersion !== DEMO_POLICY.version)) {
    const d = await getJson<{ timeline: unknown[]; evidence: unknown[] }>(api, `/hazards/${h.id}`, token);
    out[h.id] = { steps: d.timeline.length, evidence: d.evidence.length };
  }
  return out;
}
