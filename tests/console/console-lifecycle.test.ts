import type { Page } from 'playwright-core';
import { startConsoleWorld, type ConsoleWorld } from '@hazards/testing/browser/console-world';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { beijing, openAs, screenshot, waitForStatus, withFailureShots, type Browser } from '@hazards/testing/browser/browser';
import { scenePng } from '@hazards/testing/files/scene-png';

const PHONE = { width: 390, height: 844 };
const DESCRIPTION = '2号储罐区可燃气体报警器失效，未与紧急切断阀联锁';
const PLAN: Record<string, string> = {
  goalAndTasks: '消除2号储罐区可燃气体报警器失效隐患',
  methodsAndMeasures: '更换报警器6台并接入DCS联锁',
  fundsAndMaterials: '专项资金8万元，报警器6台',
  responsibleBodyAndPeople: '设备部 王工（负责人）',
  timeLimitAndRequirements: '30个工作日内完成并验收',
  safetyMeasuresAndEmergencyPlan: '施工期间停用储罐区，配备便携式检测仪，按应急预案演练',
};

/** The hazard page's timeline, as the steps it shows. */
const timelineSteps = (page: Page) =>
  page.locator('[data-testid=timeline-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')));

describe('the web console: an enterprise reports from a phone, the county lists it, and it is signed off level by level', () => {
  let world: ConsoleWorld;
  let baseUrl: string;
  let tree: ReferenceTree;
  let browser: Browser;

  beforeAll(async () => {
    world = await startConsoleWorld();
    ({ tree, baseUrl, browser } = world);
  });
  afterAll(async () => world?.stop());

  it('runs the major-hazard path through the browser, with the timeline complete at the end', () =>
    withFailureShots(browser, 'lifecycle', async () => {
      // ---- the enterprise, on a phone: reports from its self-inspection with a photo ----
      const ent = await openAs(browser, baseUrl, tree.users.entA, TEST_PASSWORD, PHONE);
      await ent.getByTestId('portal').waitFor();
      await ent.getByTestId('report-link').click();
      const report = ent.getByTestId('report-form');
      expect(await report.getByTestId('camera-input').getAttribute('capture')).toBe('environment');
      expect(await report.getByTestId('camera-input').getAttribute('accept')).toBe('image/*');
      await report.locator('input[name=location]').fill('2号储罐区');
      await report.locator('textarea[name=description]').fill('失效');
      await report.getByTestId('camera-input').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: scenePng() });
      await report.locator('button[type=submit]').click();
      // Refused by the API: its message, in Chinese, next to the description; nothing typed is lost.
      const descError = report.getByTestId('error-description');
      await descError.waitFor();
      expect(await descError.textContent()).toBe('隐患描述长度为4–2000字');
      expect(await report.locator('textarea[name=description]').inputValue()).toBe('失效');
      expect(await report.locator('input[name=location]').inputValue()).toBe('2号储罐区');
      await report.locator('textarea[name=description]').fill(DESCRIPTION);
      await report.locator('button[type=submit]').click();
      await waitForStatus(ent, 'reported');
      const id = await ent.getByTestId('hazard-page').getAttribute('data-hazard-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      // The photo is shown inline (fetched with the token, then drawn).
      await ent.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid=evidence-image]');
        return !!img && img.complete && img.naturalWidth === 320;
      });
      expect(await ent.getByTestId('hazard-title').textContent()).toBe(DESCRIPTION);

      // ---- the county supervisor finds it in the list and grades it major, then lists it ----
      const county = await openAs(browser, baseUrl, tree.users.countyA, TEST_PASSWORD);
      await county.getByTestId('board').waitFor();
      await county.goto(`${baseUrl}/#/hazards?status=reported`);
      const row = county.locator(`[data-testid=hazard-row][data-hazard-id="${id}"]`);
      await row.waitFor();
      await row.locator('a').click();
      await waitForStatus(county, 'reported');
      const grade = county.getByTestId('grade-form');
      await grade.locator('select[name=grade]').selectOption('major');
      await grade.locator('select[name=accidentType]').selectOption('火灾');
      await grade.locator('input[name=industry]').fill('危险化学品');
      await grade.locator('input[name="criterion.standard"]').fill('化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）');
      await grade.locator('input[name="criterion.item"]').fill('第十条');
      await grade.locator('button[type=submit]').click();
      await waitForStatus(county, 'awaiting_listing');

      const list = county.getByTestId('list-form');
      await list.locator('select[name=level]').selectOption('county');
      await list.locator('input[name=leadDepartment]').fill('甲县应急管理局');
      await list.locator('input[name=orderNumber]').fill('甲安委办〔2026〕27号');
      await list.locator('button[type=submit]').click();
      // No authority: refused next to that field, and what was typed is still there.
      await list.getByTestId('error-authority').waitFor();
      expect(await list.getByTestId('error-authority').textContent()).toMatch(/挂牌单位/);
      expect(await list.locator('input[name=leadDepartment]').inputValue()).toBe('甲县应急管理局');
      await list.locator('input[name=authority]').fill('甲县人民政府');
      await list.locator('button[type=submit]').click();
      await waitForStatus(county, 'listed');

      // ---- the enterprise sees the plan is due and submits the six-part plan ----
      await ent.goto(`${baseUrl}/#/portal`);
      const card = ent.locator(`[data-testid=portal-item][data-hazard-id="${id}"]`);
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('listed');
      expect(await card.getByTestId('next-step').textContent()).toBe('提交治理方案');
      await screenshot(ent, 'portal-phone');
      await card.locator('a').click();
      await waitForStatus(ent, 'listed');
      const plan = ent.getByTestId('plan-form');
      for (const [part, text] of Object.entries(PLAN)) await plan.locator(`textarea[name="plan.${part}"]`).fill(text);
      await plan.locator('textarea[name=interimMeasures]').fill('储罐区禁止动火，每2小时人工巡检');
      await plan.locator('input[name=productionStopped]').check();
      await plan.locator('input[name=stopScope]').fill('2号储罐区');
      await plan.locator('button[type=submit]').click();
      await waitForStatus(ent, 'plan_submitted');

      // ---- the county approves the plan ----
      await county.reload();
      await waitForStatus(county, 'plan_submitted');
      const decision = county.getByTestId('plan-decision-form');
      await decision.locator('input[value=approve]').check();
      await decision.locator('button[type=submit]').click();
      await waitForStatus(county, 'rectifying');

      // ---- the enterprise uploads a photo of the fix from the camera and confirms completion ----
      await ent.reload();
      await waitForStatus(ent, 'rectifying');
      const upload = ent.getByTestId('evidence-form');
      await upload
        .getByTestId('camera-input')
        .setInputFiles({ name: '整改后照片.png', mimeType: 'image/png', buffer: scenePng(320, 240, 'green') });
      await upload.locator('button[type=submit]').click();
      await ent.waitForFunction(() => document.querySelectorAll('[data-testid=evidence-item]').length === 2);
      await screenshot(ent, 'hazard-phone');
      const completion = ent.getByTestId('completion-form');
      await completion.locator('textarea[name="assessment.conclusion"]').fill('报警器已更换并联锁测试合格');
      await completion.locator('textarea[name=summary]').fill('已更换报警器6台，联锁调试完成');
      await completion.locator('button[type=submit]').click();
      await waitForStatus(ent, 'submitted');

      // ---- the county may not review before the township ----
      await county.reload();
      await waitForStatus(county, 'submitted');
      expect(await county.getByTestId('review-form').count()).toBe(0);
      expect(await county.getByTestId('awaiting-review').textContent()).toMatch(/镇级复核/);

      // ---- the township reviews on site and passes it ----
      const town = await openAs(browser, baseUrl, tree.users.townA, TEST_PASSWORD);
      await town.goto(`${baseUrl}/#/hazards/${id}`);
      await waitForStatus(town, 'submitted');
      const townReview = town.getByTestId('review-form');
      await townReview.locator('input[value=pass]').check();
      await townReview.locator('textarea[name=reason]').fill('现场核查合格');
      await townReview.locator('button[type=submit]').click();
      await town.getByTestId('notice').waitFor();
      await town.waitForFunction(() => !document.querySelector('[data-testid=review-form]'));

      // ---- the county passes it: closed (销号 + 摘牌) ----
      await county.reload();
      const countyReview = county.getByTestId('review-form');
      await countyReview.locator('input[value=pass]').check();
      await countyReview.locator('textarea[name=reason]').fill('复核合格，同意销号');
      await countyReview.locator('button[type=submit]').click();
      await waitForStatus(county, 'closed');

      // ---- what the supervisor reads at the end ----
      expect(await county.locator('[data-testid=status-badge]').first().textContent()).toBe('已销号');
      expect(await timelineSteps(county)).toEqual([
        'reported',
        'graded',
        'listed',
        'plan.submitted',
        'plan.approved',
        'completion.submitted',
        'review.passed',
        'closed',
      ]);
      const timelineText = await county.getByTestId('timeline').innerText();
      for (const who of ['甲化工安全员', '甲县安监', '甲镇安监']) expect(timelineText).toContain(who);
      expect(timelineText).toContain('复核合格，同意销号');
      expect(await county.getByTestId('no-actions').count()).toBe(1);
      await county.waitForFunction(
        () =>
          [...document.querySelectorAll<HTMLImageElement>('[data-testid=evidence-image]')].filter((i) => i.complete && i.naturalWidth > 0)
            .length === 2,
      );
      expect(await county.getByTestId('plan').innerText()).toContain(PLAN.methodsAndMeasures);

      // Times are Beijing time although the browser's clock runs in New York.
      const api = world.api;
      const record = (await api.call('GET', `/hazards/${id}`, { token: await api.login(tree.users.countyA, TEST_PASSWORD) })).body;
      expect(record.status).toBe('closed');
      expect(await county.getByTestId('reported-at').textContent()).toBe(beijing(record.reportedAt));
      expect(await county.getByTestId('closed-at').textContent()).toBe(beijing(record.closedAt));
      await screenshot(county, 'hazard-page');

      // The English switch: the same page, in English, and back.
      await county.getByTestId('lang-switch').click();
      await county.getByText('Timeline', { exact: true }).waitFor();
      expect(await county.locator('[data-testid=status-badge]').first().textContent()).toBe('Closed');
      await screenshot(county, 'hazard-page-en');
      await county.getByTestId('lang-switch').click();
      await county.getByText('办理时间线', { exact: true }).waitFor();

      expect(browser.errors).toEqual([]);
    }));
});
