import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { reportAndGradeGeneral } from '@hazards/testing/fixtures/general-lifecycles';
import type { ManagedProcess } from '../../infra/local-stack/managed-process';
import { freePort } from '../../infra/local-stack/net';
import { METRIC } from '@hazards/metrics';
import { startApi } from '@hazards/testing/api/api-app';
import { hasSeries, scrape, seriesValue } from '@hazards/testing/metrics/prometheus-text';
import { HazardScript, inDays, openDataSource, seedWorld, type World } from '@hazards/testing/fixtures/notification-world';
import { waitFor } from '@hazards/testing/polling';
import { NotifierProcess } from '@hazards/testing/notifier/notifier-process';
import { startAppProcess } from '@hazards/testing/stack/app-process';

/*
 * An operator points Prometheus at the API's /metrics and at the worker's and notifier's metrics
 * ports. When an overdue hazard is escalated, the figures they watch move: overdue hazards by
 * stage and open hazards by level on the API, escalation lateness, sends and queue counts on the
 * notifier; and the Temporal SDK's own series on the worker while it runs workflow tasks.
 */
const tag = `mx${randomUUID().slice(0, 6)}`;
const taskQueue = `metrics-${tag}`;
let ds: DataSource;
let w: World;
let api: { app: INestApplication; baseUrl: string };
let worker: ManagedProcess;
let notifier: NotifierProcess;
let temporal: Connection;
const url = { api: '', worker: '', notifier: '' };

beforeAll(async () => {
  ds = await openDataSource();
  w = await seedWorld(ds, tag);
  const [workerPort, notifierPort] = [await freePort(), await freePort()];
  url.worker = `http://127.0.0.1:${workerPort}/metrics`;
  url.notifier = `http://127.0.0.1:${notifierPort}/metrics`;
  notifier = new NotifierProcess(
    {
      METRICS_PORT: String(notifierPort),
      QUEUE_PREFIX: `m-${tag}`,
      NOTIFIER_RELAY_HAZARD_PREFIX: `${tag}-`,
      NOTIFIER_RELAY_INTERVAL_MS: '100',
      LOG_LEVEL: 'info',
    },
    join(tmpdir(), `metrics-test-notifier-${tag}.log`),
  );
  api = await startApi();
  url.api = `${api.baseUrl}/metrics`;
  [worker] = await Promise.all([
    startAppProcess(
      'worker',
      { METRICS_PORT: String(workerPort), TEMPORAL_TASK_QUEUE: taskQueue, ARCHIVE_ANCHOR_INTERVAL_MS: '0', LOG_LEVEL: 'info' },
      tmpdir(),
      `metrics-test-worker-${tag}`,
    ),
    notifier.start(),
  ]);
  temporal = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
}, 180_000);

afterAll(async () => {
  await temporal?.close();
  await api?.app.close();
  await Promise.all([worker?.stop(), notifier?.stop()]);
  await ds?.destroy();
});

describe('the metrics an operator scrapes', () => {
  it('serves the named series on each endpoint, and they move when a hazard escalates', async () => {
    const before = { api: await scrape(url.api), worker: await scrape(url.worker), notifier: await scrape(url.notifier) };
    for (const name of [METRIC.httpDuration, METRIC.hazardsOpen, METRIC.hazardsOverdue]) expect(hasSeries(before.api, name)).toBe(true);
    for (const name of [METRIC.queueJobs, METRIC.jobsFailed, METRIC.deadLetters, METRIC.escalationLateness, METRIC.notificationsSent])
      expect(hasSeries(before.notifier, name)).toBe(true);
    expect(hasSeries(before.worker, METRIC.anchorLeader)).toBe(true);
    // Node's own process figures on every endpoint, labelled with the app.
    for (const [app, text] of Object.entries(before))
      expect(seriesValue(text, 'process_resident_memory_bytes', { app })).toBeGreaterThan(0);

    // The worker runs a real lifecycle (report, grade): the Temporal SDK's series count its workflow tasks.
    const client = new Client({ connection: temporal });
    await reportAndGradeGeneral(client, taskQueue);

    // An overdue hazard listed by the township is escalated to the county (overdue ladder stage 1).
    const hz = new HazardScript(ds, `${tag}-hz1`, {
      enterpriseId: w.e1.id,
      path: [w.j.city, w.j.county, w.j.township, w.j.grid],
      description: '消防通道堵塞',
    });
    await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(-10) });
    await hz.relistUp('county');
    await fetch(`${api.baseUrl}/auth/me`); // 401: timed under its route template

    const lateness = (text: string) => seriesValue(text, `${METRIC.escalationLateness}_count`, { kind: 'overdue_ladder' });
    const escalationsSent = (text: string) => seriesValue(text, METRIC.notificationsSent, { kind: 'escalation' });
    const escalationJobsDone = (text: string) => seriesValue(text, METRIC.queueJobs, { queue: 'escalations', state: 'completed' });
    let notifierNow = before.notifier;
    await waitFor(
      'the notifier to consume the escalation and send its notices',
      async () => {
        notifierNow = await scrape(url.notifier);
        // The inbox is sent inside the escalation's job, so its count can move before that job completes.
        return (
          lateness(notifierNow) > lateness(before.notifier) &&
          escalationsSent(notifierNow) > escalationsSent(before.notifier) &&
          escalationJobsDone(notifierNow) > escalationJobsDone(before.notifier)
        );
      },
      60_000,
    );
    expect(lateness(notifierNow) - lateness(before.notifier)).toBe(1);
    // Due nine days ago (the deadline plus one working day): past every bucket but +Inf.
    const bucket = (text: string, le: string) => seriesValue(text, `${METRIC.escalationLateness}_bucket`, { kind: 'overdue_ladder', le });
    expect(bucket(notifierNow, '3600') - bucket(before.notifier, '3600')).toBe(0);
    expect(bucket(notifierNow, '+Inf') - bucket(before.notifier, '+Inf')).toBe(1);
    expect(escalationJobsDone(notifierNow)).toBeGreaterThan(escalationJobsDone(before.notifier));

    const temporalTasks = (text: string) => seriesValue(text, `${METRIC.temporalWorkflowCompleted}_count`);
    let workerNow = before.worker;
    await waitFor(
      'the Temporal SDK to report the workflow tasks',
      async () => {
        workerNow = await scrape(url.worker);
        return temporalTasks(workerNow) > temporalTasks(before.worker);
      },
      30_000,
    );
    expect(hasSeries(workerNow, METRIC.temporalActivityExecution)).toBe(true);

    // The read model's figures are cached for 10 s between scrapes.
    const overdueAtStage1 = (text: string) => seriesValue(text, METRIC.hazardsOverdue, { escalation_stage: '1' });
    const openAtCounty = (text: string) => seriesValue(text, METRIC.hazardsOpen, { status: 'rectifying', listing_level: 'county' });
    let apiNow = before.api;
    await waitFor(
      'the API to count the escalated hazard',
      async () => {
        apiNow = await scrape(url.api);
        return overdueAtStage1(apiNow) > overdueAtStage1(before.api) && openAtCounty(apiNow) > openAtCounty(before.api);
      },
      30_000,
    );
    expect(seriesValue(apiNow, `${METRIC.httpDuration}_count`, { route: '/auth/me', status_code: '401' })).toBe(1);

    // Figures only: no hazard, enterprise, person or path appears in any of them.
    for (const text of [apiNow, workerNow, notifierNow]) {
      for (const secret of [hz.hazardId, w.e1.id, w.e1.name, w.u.entUser.username, '消防通道堵塞']) expect(text).not.toContain(secret);
    }
  }, 180_000);
});
