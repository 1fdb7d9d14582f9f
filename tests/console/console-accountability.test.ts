// A queue prefix of this file's own: the dead letter re-sent below must not land on another test's queue.
import '@hazards/testing/env/own-queue-prefix';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import type { ApiTestContext } from '@hazards/testing/api/api-test-context';
import { startTimeSkippingApiContext } from '@hazards/testing/api/time-skipping-api-context';
import {
  ensureConsoleBuilt,
  launchBrowser,
  openAs,
  screenshot,
  waitForStatus,
  withFailureShots,
  type Browser,
} from '@hazards/testing/browser/browser';
import { scenePng } from '@hazards/testing/files/scene-png';
import { ReferenceTree, TEST_PASSWORD, logInAll } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

/*
 * Issue 18 in the console: a city supervisor acts on a city-listed hazard that the ladder took to
 * its interview stage (the workflow runs on a time-skipping server): schedules and records the
 * interview (attendees, a minutes file), orders and lifts a production stop, records a penalty
 * (refused above art 102's range, in the user's language) and an accident, downloads the letter
 * and publishes the listing notice from the documents tab. Anyone opens #/public without logging
 * in and reads the notice, with no person's name on it. An admin re-sends a dead letter.
 */
const PLAN = {
  goalAndTasks: '消除涉氨制冷车间氨泄漏报警失效隐患',
  methodsAndMeasures: '更换报警器并联锁风机',
  fundsAndMaterials: '专项资金6万元',
  responsibleBodyAndPeople: '设备部',
  timeLimitAndRequirements: '5个工作日',
  safetyMeasuresAndEmergencyPlan: '配备便携式检测仪',
};
const HOUR = 3600_000;
const DESCRIPTION = '涉氨制冷车间氨泄漏报警器失效';

let env: TestWorkflowEnvironment;
let ctx: ApiTestContext;
let ds: DataSource;
let tree: ReferenceTree;
let browser: Browser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ensureConsoleBuilt();
  ({ env, ctx } = await startTimeSkippingApiContext());
  ({ ds, tree } = ctx);
  await logInAll(ctx.api, tree, ['city', 'countyA', 'entA'], tokens);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await ctx?.stop();
  await env?.teardown();
});

const ok = async (method: string, path: string, token: string, body?: unknown) => (await ctx.api.succeed(method, path, token, body)).body;
/** Beijing wall time as a datetime-local input takes it. */
const beijingLocal = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
const steps = (page: Page) =>
  page.locator('[data-testid=timeline-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')));
const stepShown = (page: Page, step: string) => page.locator(`[data-testid=timeline-row][data-step="${step}"]`).first().waitFor();

/** A city-listed hazard, plan approved, left overdue until the ladder orders an interview (10 working days). */
async function hazardAtTheInterviewStage(): Promise<string> {
  const id = (
    await ok('POST', '/hazards', tokens.entA, {
      enterpriseId: tree.id.entA,
      source: '监督检查',
      description: DESCRIPTION,
      location: '制冷车间',
    })
  ).hazardId as string;
  await ok('POST', `/hazards/${id}/grade`, tokens.countyA, {
    grade: 'major',
    accidentType: '中毒和窒息',
    industry: '制造业',
    criterion: { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第九条' },
  });
  await ok('POST', `/hazards/${id}/listing`, tokens.city, {
    level: 'city',
    authority: '测试市人民政府',
    leadDepartment: '测试市应急管理局',
    orderNumber: '测安委〔2026〕18号',
    // No publication date: the listing notice waits to be published from the console.
    deadlineWorkingDays: 5,
  });
  await ok('POST', `/hazards/${id}/plan`, tokens.entA, { plan: PLAN, interimMeasures: '加强巡检', productionStopped: false });
  const deadline = (await ok('POST', `/hazards/${id}/plan/decision`, tokens.city, { decision: 'approve' })).rectificationDeadline as string;
  const target = addWorkingDays(Date.parse(deadline), 10).getTime() + 2 * HOUR;
  await env.sleep(target - (await env.currentTimeMs()));
  await waitFor('the interview order', async () =>
    ((await ok('GET', `/hazards/${id}`, tokens.city)).timeline as { step: string; data: { action?: string } }[]).some(
      (t) => t.step === 'escalation' && t.data?.action === 'interview',
    ),
  );
  return id;
}

describe('the web console: accountability actions, documents, the public page and dead letters (issue 18)', () => {
  it('a city supervisor schedules and records the interview, stops and resumes production, records a penalty and an accident, downloads the letter and publishes the notice; the public reads it without logging in', () =>
    withFailureShots(browser, 'accountability', async () => {
      const id = await hazardAtTheInterviewStage();
      const city = await openAs(browser, ctx.baseUrl, tree.users.city, TEST_PASSWORD);
      await city.goto(`${ctx.baseUrl}/#/hazards/${id}`);
      await waitForStatus(city, 'rectifying');

      // ---- 约谈: scheduled (a missing place is refused under its field, nothing typed lost), then held with the minutes ----
      const schedule = city.getByTestId('interview-schedule-form');
      await schedule.locator('input[name=at]').fill(beijingLocal((await env.currentTimeMs()) + 24 * HOUR));
      await schedule.locator('input[name=enterprisePrincipal]').fill('张甲');
      await schedule.locator('input[name=departmentResponsible]').fill('测试市应急管理局 王丙');
      await schedule.locator('button[type=submit]').click();
      await schedule.getByTestId('error-place').waitFor();
      expect(await schedule.getByTestId('error-place').textContent()).toContain('约谈地点');
      expect(await schedule.locator('input[name=enterprisePrincipal]').inputValue()).toBe('张甲');
      await schedule.locator('input[name=place]').fill('测试市应急管理局三楼会议室');
      await schedule.locator('button[type=submit]').click();
      await stepShown(city, 'interview.scheduled');
      expect(await city.getByTestId('interview-state').textContent()).toContain('测试市应急管理局三楼会议室');

      const hold = city.getByTestId('interview-hold-form');
      await hold.locator('textarea[name=attendees]').fill('张甲\n测试市应急管理局 王丙');
      await hold.locator('button[type=submit]').click();
      await hold.getByTestId('error-minutesFileId').waitFor(); // no minutes: refused by the API
      await hold.getByTestId('minutes-input').setInputFiles({ name: '约谈纪要.png', mimeType: 'image/png', buffer: scenePng() });
      await hold.locator('textarea[name=summary]').fill('企业承诺十个工作日内完成整改');
      await hold.locator('button[type=submit]').click();
      await stepShown(city, 'interview.held');
      await city.getByTestId('interview-hold-form').waitFor({ state: 'detached' });
      const held = (await ok('GET', `/hazards/${id}`, tokens.city)).timeline.find((t: { step: string }) => t.step === 'interview.held');
      expect(held.data).toMatchObject({ attendees: ['张甲', '测试市应急管理局 王丙'], minutesFileId: expect.any(String) });

      // ---- 停产 and 复产 ----
      const stop = city.getByTestId('production-stop-form');
      await stop.locator('input[name=scope]').fill('制冷车间');
      await stop.locator('textarea[name=reason]').fill('报警失效期间不能保证安全');
      await stop.locator('button[type=submit]').click();
      await stepShown(city, 'production.stopped');
      const resume = city.getByTestId('production-resume-form');
      await resume.locator('textarea[name=reason]').fill('报警器已更换');
      await resume.locator('button[type=submit]').click();
      await stepShown(city, 'production.resumed');
      await city.getByTestId('production-stop-form').waitFor();

      // ---- 行政处罚: above art 102's range refused with the API's message; within it, recorded ----
      const penalty = city.getByTestId('penalty-form');
      await penalty.locator('input[name=amountYuan]').fill('60000');
      await penalty.locator('button[type=submit]').click();
      await penalty.getByTestId('error-amountYuan').waitFor();
      expect(await penalty.getByTestId('error-amountYuan').textContent()).toContain('50,000');
      await city.getByTestId('lang-switch').click();
      await penalty.locator('button[type=submit]').click();
      await penalty.getByTestId('error-amountYuan').filter({ hasText: 'allows a fine of' }).waitFor();
      await screenshot(city, 'hazard-accountability-en');
      await city.getByTestId('lang-switch').click();
      await penalty.locator('input[name=amountYuan]').fill('50000');
      await penalty.locator('button[type=submit]').click();
      await stepShown(city, 'penalty.recorded');

      // ---- 关联事故 ----
      const accident = city.getByTestId('accident-form');
      await accident.locator('input[name=accidentId]').fill('测事〔2026〕3号');
      await accident.locator('input[name=occurredAt]').fill(beijingLocal((await env.currentTimeMs()) - 24 * HOUR));
      await accident.locator('textarea[name=description]').fill('制冷车间氨泄漏致一人轻伤');
      await accident.locator('input[name="casualties.injuries"]').fill('1');
      await accident.locator('button[type=submit]').click();
      await stepShown(city, 'accident.linked');
      expect(await steps(city)).toEqual(
        expect.arrayContaining(['interview.scheduled', 'interview.held', 'production.stopped', 'penalty.recorded', 'accident.linked']),
      );
      expect((await ok('GET', `/hazards/${id}`, tokens.city)).detail.accidents).toEqual([
        expect.objectContaining({ accidentId: '测事〔2026〕3号', casualties: { injuries: 1 } }),
      ]);
      await screenshot(city, 'hazard-accountability');

      // ---- the documents tab: the letter downloads as sealed; the listing notice is published (a future date refused) ----
      await city.getByTestId('tab-documents').click();
      await city.getByTestId('documents-table').waitFor();
      await waitFor('the penalty decision in the list', async () => {
        await city.getByTestId('tab-record').click();
        await city.getByTestId('tab-documents').click();
        await city.getByTestId('documents-table').waitFor();
        return (await city.locator('[data-testid=document-row][data-kind=penalty_decision]').count()) === 1;
      });
      const kinds = await city.locator('[data-testid=document-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
      expect(kinds).toEqual(expect.arrayContaining(['listing_notice', 'supervision_letter', 'penalty_decision']));
      const documents = (await ok('GET', `/hazards/${id}/documents`, tokens.city)) as { kind: string; number: string; sha256: string }[];
      const letter = documents.find((d) => d.kind === 'supervision_letter')!;
      const letterRow = city.locator('[data-testid=document-row][data-kind=supervision_letter]').first();
      expect(await letterRow.getByTestId('document-number').textContent()).toBe(letter.number);
      const [download] = await Promise.all([city.waitForEvent('download'), letterRow.getByTestId('document-download').click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const bytes = readFileSync((await download.path())!);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(letter.sha256);

      const listing = documents.find((d) => d.kind === 'listing_notice')!;
      const publish = city.getByTestId('publish-notice-form');
      await publish.locator('input[name=publishedAt]').fill(beijingLocal((await env.currentTimeMs()) + 30 * 24 * HOUR));
      await publish.locator('button[type=submit]').click();
      await publish.getByTestId('error-publishedAt').waitFor();
      await publish.locator('input[name=publishedAt]').fill('');
      await publish.locator('button[type=submit]').click();
      await city.getByTestId('publish-notice-form').waitFor({ state: 'detached' });
      const published = city.locator('[data-testid=document-row][data-kind=listing_notice]').getByTestId('document-published');
      expect(await published.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      await screenshot(city, 'hazard-documents');

      // ---- #/public, no login: the published notice, its public fields, nobody's name ----
      const visitor = await browser.context.newPage();
      await visitor.goto(`${ctx.baseUrl}/#/public?jurisdictionId=${tree.id.city}`);
      const card = visitor.locator(`[data-testid=public-notice][data-number="${listing.number}"]`);
      await card.waitFor();
      const text = await card.innerText();
      for (const fact of ['挂牌督办公告', '甲化工有限公司', DESCRIPTION, '测试市人民政府', '测试市应急管理局', '测安委〔2026〕18号'])
        expect(text).toContain(fact);
      expect(await visitor.locator('body').innerText()).not.toMatch(/张甲|王丙|约谈/);
      expect(await visitor.getByTestId('login-form').count()).toBe(0);
      await screenshot(visitor, 'public-notices');
      await visitor.getByTestId('lang-switch').click();
      await visitor.getByText('Listing and delisting notices').waitFor();
      await screenshot(visitor, 'public-notices-en');
      await visitor.getByTestId('lang-switch').click();
    }));

  it('an admin re-sends a dead letter from the console, counted and attributed', () =>
    withFailureShots(browser, 'dead-letters', async () => {
      const jobId = `console-dead-${tree.suffix}`;
      const [{ id }] = (await ds.query(
        `insert into notification_dead_letters (queue, job_id, job_name, data, error, attempts_made) values ('notifications', $1, 'deliver', $2, $3, 8) returning id::text`,
        [jobId, { deliveryKey: jobId }, 'connect ECONNREFUSED 127.0.0.1:9 (DingTalk robot)'],
      )) as { id: string }[];
      const admin = await openAs(browser, ctx.baseUrl, tree.users.admin, TEST_PASSWORD);
      await admin.getByRole('link', { name: '死信', exact: true }).click();
      const row = admin.locator(`[data-testid=dead-letter-row][data-dead-letter-id="${id}"]`);
      await row.waitFor();
      await row.getByTestId('dead-letter-resend').click();
      await row.getByTestId('dead-letter-resent').filter({ hasText: '已重发 1 次' }).waitFor();
      await screenshot(admin, 'dead-letters');
      const [audit] = await ds.query('select resend_count, resent_by from notification_dead_letters where id = $1', [id]);
      expect(audit).toEqual({ resend_count: 1, resent_by: tree.users.admin });
    }));
});
