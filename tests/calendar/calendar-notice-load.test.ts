import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createHazardActivities } from '../../apps/worker/src/activities/hazard.activities';
import type { NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { createCalendarReplanActivities } from '@hazards/calendar';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { calendarFromNotices } from '@hazards/domain/calendar/cn-calendar';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { createHazardWorker } from '@hazards/temporal/hazard-worker.factory';
import { startNotifier } from '@hazards/testing/notifier/notifier-runtime';
import type * as ApiClientModule from '@hazards/testing/api/api-app';
import { HYPOTHETICAL_2027_NOTICE } from '@hazards/testing/fixtures/calendar-notices';
import { hazardIn } from '@hazards/testing/fixtures/hazard-states';
import { apiClient } from '@hazards/testing/api/http-client';
import { createIsolatedDatabase, type IsolatedDatabase } from '@hazards/testing/stack/isolated-database';
import { createReferenceTree, TEST_PASSWORD, type ReferenceTree } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

/*
 * Loading a State Council notice through the API and the CLI, against a database and a task queue
 * of this file's own: the notice it loads changes no other test file's calendar.
 */
const ROOT = resolve(__dirname, '..', '..');
const run = promisify(execFile);

let db: IsolatedDatabase;
let tree: ReferenceTree;
let app: INestApplication;
let api: ReturnType<typeof apiClient>;
let baseUrl: string;
let worker: Worker;
let workerRun: Promise<void>;
let connections: { close(): Promise<void> }[] = [];
let notifier: NotifierRuntime;
const token: Record<string, string> = {};

const { year: _year, ...NOTICE_BODY } = HYPOTHETICAL_2027_NOTICE;

beforeAll(async () => {
  db = await createIsolatedDatabase('calendar');
  process.env.DATABASE_URL = db.appUrl;
  process.env.MIGRATION_DATABASE_URL = db.ownerUrl;
  process.env.TEMPORAL_TASK_QUEUE = `calendar-${db.name}`;
  tree = await createReferenceTree(db.ds);
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed */
  }
  const native = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const conn = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  connections = [native, conn];
  worker = await createHazardWorker({
    connection: native,
    namespace: 'default',
    taskQueue: process.env.TEMPORAL_TASK_QUEUE,
    activities: {
      ...createHazardActivities(db.ds),
      ...createCalendarReplanActivities({ db: db.ds, client: new Client({ connection: conn }), policy: DEFAULT_POLICY }),
    },
  });
  workerRun = worker.run();
  notifier = await startNotifier(db.ds, { tag: 'calendar', relayHazardPrefix: '' });
  // Imported now: the API reads its configuration (this file's database and task queue) when its module loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only now, after this file's settings
  const { startApi } = require('@hazards/testing/api/api-app') as typeof ApiClientModule;
  ({ app } = await startApi());
  baseUrl = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  api = apiClient(baseUrl);
  for (const k of ['admin', 'countyA', 'townA', 'entA'] as const) token[k] = await api.login(tree.users[k], TEST_PASSWORD);
});

afterAll(async () => {
  await app?.close();
  await notifier?.stop();
  worker?.shutdown();
  await workerRun;
  for (const c of connections) await c.close();
  await db?.drop();
});

describe('the working-day calendar as live data', () => {
  let hazardId: string;

  it('lists 2024–2026 as official with their notice numbers and 2027 as provisional; from 1 November the calendar is degraded, with the reason', async () => {
    const r = await api.call('GET', '/calendar', { token: token.townA });
    expect(r.status).toBe(200);
    const years = Object.fromEntries(r.body.years.map((y: { year: number }) => [y.year, y]));
    expect(years[2026]).toMatchObject({ status: 'official', noticeNumber: '国办发明电〔2025〕7号', noticeDate: '2025-11-04', revision: 1 });
    expect(years[2025]).toMatchObject({ status: 'official', noticeNumber: '国办发明电〔2024〕12号' });
    expect(years[2027]).toMatchObject({ status: 'provisional', noticeNumber: null });
    // Today is 30 November 2026: next year's notice is due and not loaded.
    expect(r.body.health).toMatchObject({
      degraded: true,
      reasons: [expect.objectContaining({ code: 'next_year_not_official', year: 2027 })],
    });
    const health = await fetch(`${baseUrl}/health`);
    const h = await health.json();
    expect(health.status).toBe(200); // degraded, not down
    expect(h.status).toBe('degraded');
    expect(h.details.calendar).toMatchObject({
      status: 'degraded',
      reasons: [expect.objectContaining({ code: 'next_year_not_official' })],
    });
  });

  it('a hazard listed at county level today is due in 2027: its deadline is marked provisional', async () => {
    const fixture = await hazardIn(
      api,
      { enterpriseId: tree.id.entA, enterprise: token.entA, county: token.countyA, township: token.townA },
      'listed',
      { photo: false },
    );
    hazardId = fixture.id;
    const detail = await api.call('GET', `/hazards/${hazardId}`, { token: token.countyA });
    expect(detail.body.rectificationDeadline.slice(0, 4)).toBe('2027');
    expect(detail.body.deadlineProvisional).toBe(true);
    expect(detail.body.deadlines).toContainEqual({
      kind: 'rectification',
      at: detail.body.rectificationDeadline,
      deadlineProvisional: true,
    });
    expect(detail.body.deadlines).toContainEqual(expect.objectContaining({ kind: 'planDue', deadlineProvisional: false })); // in December 2026
    const list = await api.call('GET', `/hazards?enterpriseId=${tree.id.entA}`, { token: token.entA });
    expect(list.body.items.find((x: { id: string }) => x.id === hazardId).deadlineProvisional).toBe(true);
  });

  it.each([
    [
      'a date outside the year',
      { holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }] },
      'date_outside_year',
      'holidays[0].from',
    ],
    [
      'a holiday on a make-up day',
      { makeUpWorkdays: [{ name: '春节', date: '2027-02-06' }] },
      'holiday_on_make_up_day',
      'makeUpWorkdays[0].date',
    ],
    [
      'a weekday make-up day',
      { makeUpWorkdays: [{ name: '春节', date: '2027-02-17' }] },
      'make_up_day_not_weekend',
      'makeUpWorkdays[0].date',
    ],
  ])('refuses a notice with %s: 422 naming the field, and nothing changes', async (_what, change, code, field) => {
    const before = await api.call('GET', '/calendar', { token: token.admin });
    const r = await api.call('PUT', '/calendar/2027', { token: token.admin, body: { ...NOTICE_BODY, ...change } });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code, field });
    expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.body.messageEn).toBeTruthy();
    const after = await api.call('GET', '/calendar', { token: token.admin });
    expect(after.body.version).toBe(before.body.version);
    expect((await api.call('GET', '/calendar/2027', { token: token.admin })).body.versions).toEqual([]);
  });

  it('only an admin loads a notice', async () => {
    expect((await api.call('PUT', '/calendar/2027', { token: token.countyA, body: NOTICE_BODY })).status).toBe(403);
  });

  it('loading the 2027 notice makes the year official, audited and versioned, and re-plans the hazard in flight: one step, one notice to the enterprise and the county', async () => {
    const before = (await api.call('GET', `/hazards/${hazardId}`, { token: token.countyA })).body;
    const r = await api.call('PUT', '/calendar/2027', { token: token.admin, body: NOTICE_BODY });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ saved: true, year: 2027, revision: 1, previousVersion: null });
    expect(r.body.changedDates).toContain('2027-02-11');
    expect(r.body.replanWorkflowId).toMatch(/^calendar-replan-/);

    const audit = await db.ds.query(
      `select username, event_type, object_id, detail from audit_log where event_type = 'calendar.notice_loaded'`,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        username: tree.users.admin,
        object_id: '2027',
        detail: expect.objectContaining({ version: r.body.version, noticeNumber: HYPOTHETICAL_2027_NOTICE.noticeNumber }),
      }),
    ]);

    const coverage = (await api.call('GET', '/calendar', { token: token.entA })).body;
    expect(coverage.years.find((y: { year: number }) => y.year === 2027)).toMatchObject({
      status: 'official',
      noticeNumber: HYPOTHETICAL_2027_NOTICE.noticeNumber,
      version: r.body.version,
    });
    expect(coverage.health.degraded).toBe(false);

    // The hazard re-planned: its deadline counted again from the listing, with the notice.
    await waitFor(
      async () =>
        (await api.call('GET', `/hazards/${hazardId}`, { token: token.countyA })).body.timeline.some(
          (s: { step: string }) => s.step === 'deadline_recomputed',
        ),
      60_000,
    );
    const after = (await api.call('GET', `/hazards/${hazardId}`, { token: token.countyA })).body;
    const official = calendarFromNotices([...BUNDLED_NOTICES, HYPOTHETICAL_2027_NOTICE]);
    const listedAt = after.detail.listing.listedAt;
    expect(after.rectificationDeadline).toBe(
      official.addWorkingDays(listedAt, DEFAULT_POLICY.rectification.byListingLevel.county).toISOString(),
    );
    expect(after.rectificationDeadline).not.toBe(before.rectificationDeadline);
    expect(after.deadlineProvisional).toBe(false);
    const steps = after.timeline.filter((s: { step: string }) => s.step === 'deadline_recomputed');
    expect(steps).toHaveLength(1);
    expect(steps[0].data.moved).toContainEqual(
      expect.objectContaining({ kind: 'rectification', from: before.rectificationDeadline, to: after.rectificationDeadline }),
    );

    // One notice each to the enterprise's people and the county's supervisors, listing what moved.
    await waitFor(
      async () =>
        (await db.ds.query(`select 1 from notification_messages where kind = 'deadline_change' and hazard_id = $1`, [hazardId])).length > 0,
      60_000,
    );
    const messages: { recipient_key: string; body: string }[] = await db.ds.query(
      `select recipient_key, body from notification_messages where kind = 'deadline_change' and hazard_id = $1`,
      [hazardId],
    );
    const [countyUser]: { id: string }[] = await db.ds.query('select id from users where username = $1', [tree.users.countyA]);
    const [entUser]: { id: string }[] = await db.ds.query('select id from users where username = $1', [tree.users.entA]);
    expect(messages.map((m) => m.recipient_key)).toEqual(
      expect.arrayContaining([expect.stringContaining(countyUser.id), expect.stringContaining(entUser.id)]),
    );
    expect(new Set(messages.map((m) => m.recipient_key)).size).toBe(messages.length);
    expect(messages[0].body).toContain('整改期限');
    expect(messages[0].body).toContain('→');
  });

  it("a hazard listed after the load counts its 2027 deadline on the notice, inside the listing's own workflow task (the API's calendar copy: no calendar activity before its notice)", async () => {
    const fixture = await hazardIn(
      api,
      { enterpriseId: tree.id.entA, enterprise: token.entA, county: token.countyA, township: token.townA },
      'listed',
      { photo: false },
    );
    const detail = (await api.call('GET', `/hazards/${fixture.id}`, { token: token.countyA })).body;
    const official = calendarFromNotices([...BUNDLED_NOTICES, HYPOTHETICAL_2027_NOTICE]);
    expect(detail.rectificationDeadline).toBe(
      official.addWorkingDays(detail.detail.listing.listedAt, DEFAULT_POLICY.rectification.byListingLevel.county).toISOString(),
    );
    expect(detail.deadlineProvisional).toBe(false);
    // The activities between the listing's acceptance and its answer: its deadlines and the plan's were counted on the
    // copy (no calendar activity first); the notice's publication window is counted after its document was issued, in a
    // later workflow task where the copy no longer counts, by the activity.
    const client = new Client({ connection: connections[1] as Connection });
    const events = (await client.workflow.getHandle(`hazard-${fixture.id}`).fetchHistory()).events ?? [];
    const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'list');
    const updateId = events[accepted].workflowExecutionUpdateAcceptedEventAttributes!.protocolInstanceId;
    const answered = events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId);
    const activities = events.slice(accepted, answered).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(activities).toEqual(['issueDocument', 'shiftWorkingDays', 'recordStep']);
    // Reported and graded through the API before it: each a step and nothing else (the grading and listing windows on copies).
    const before = events.slice(0, accepted).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(before).toEqual(['recordStep', 'recordStep']);
  });

  it('a correction is loaded with the CLI the same way: a new revision, the old one kept; loading it again changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-cli-'));
    const file = join(dir, '2027.json');
    const corrected = {
      ...HYPOTHETICAL_2027_NOTICE,
      makeUpWorkdays: HYPOTHETICAL_2027_NOTICE.makeUpWorkdays.filter((m) => m.date !== '2027-02-27'),
    };
    writeFileSync(file, JSON.stringify(corrected));
    // What an admin's shell has: the database and Temporal, not the apps' Redis.
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete env.REDIS_URL;
    const cli = (args: string[]) => run(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], { env, cwd: ROOT });
    const first = await cli([
      'calendar',
      'import',
      file,
      '--reason',
      '更正：2月27日不再调休上班 / correction: 27 Feb is not a working day',
    ]);
    expect(first.stdout).toContain('revision 2');
    expect(first.stdout).toContain('2027-02-27');
    const again = await cli(['calendar', 'import', file]);
    expect(again.stdout).toContain('nothing changed');
    const year = (await api.call('GET', '/calendar/2027', { token: token.townA })).body;
    expect(year.versions.map((v: { revision: number; loadedVia: string }) => [v.revision, v.loadedVia])).toEqual([
      [2, 'cli'],
      [1, 'api'],
    ]);
    expect(year.makeUpWorkdays.map((m: { date: string }) => m.date)).not.toContain('2027-02-27');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...HYPOTHETICAL_2027_NOTICE, makeUpWorkdays: [{ name: '春节', date: '2027-02-17' }] }));
    await expect(cli(['calendar', 'import', bad])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('make-up working day must be a Saturday or Sunday'),
    });
  });
});
