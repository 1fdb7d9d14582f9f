import { startConsoleWorld, type ConsoleWorld } from '@hazards/testing/browser/console-world';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openAs, screenshot, waitForStatus, withFailureShots, type Browser } from '@hazards/testing/browser/browser';

/**
 * The grader's view in Chromium: a second report of the same defect shows the first as a possible
 * duplicate with its similarity, and one click merges it; on the original's timeline, 为什么？
 * opens the computation behind its deadline, in Chinese, and in English after the switch.
 */
describe('the web console: duplicates on the grading view, and 为什么？ on the timeline', () => {
  let ctx: ConsoleWorld;
  let tree: ReferenceTree;
  let browser: Browser;

  beforeAll(async () => {
    ctx = await startConsoleWorld();
    ({ tree, browser } = ctx);
  });
  afterAll(async () => ctx?.stop());

  it("merges a duplicate from the candidates and explains the original's deadline", () =>
    withFailureShots(browser, 'why-and-duplicates', async () => {
      const { api } = ctx;
      const [grid, ent, town] = await Promise.all([
        api.login(tree.users.gridA, TEST_PASSWORD),
        api.login(tree.users.entA, TEST_PASSWORD),
        api.login(tree.users.townA, TEST_PASSWORD),
      ]);
      const first = (
        await api.call('POST', '/hazards', {
          token: grid,
          body: { enterpriseId: tree.id.entA, source: '网格巡查', description: '配电房消防通道堆放杂物，通道堵塞', location: '配电房' },
        })
      ).body.hazardId as string;
      const second = (
        await api.call('POST', '/hazards', {
          token: ent,
          body: { enterpriseId: tree.id.entA, source: '企业自查', description: '配电间消防通道被杂物堵住', location: '配电间' },
        })
      ).body.hazardId as string;

      // ---- the township grades the second report: the first is listed as a possible duplicate ----
      const page = await openAs(browser, baseUrlOf(ctx), tree.users.townA, TEST_PASSWORD);
      await page.goto(`${baseUrlOf(ctx)}/#/hazards/${second}`);
      await waitForStatus(page, 'reported');
      const candidate = page.locator(`[data-testid=duplicate-candidate][data-hazard-id="${first}"]`);
      await candidate.waitFor();
      expect(await candidate.getByTestId('similarity').textContent()).toMatch(/^描述相似度 \d+%$/);
      await screenshot(page, 'duplicate-candidates');
      await candidate.getByTestId('merge-button').click();
      await waitForStatus(page, 'withdrawn');
      expect(await page.locator('[data-testid=timeline-row]').last().getAttribute('data-step')).toBe('withdrawn');

      // ---- the original, graded for immediate rectification: 为什么？ on its grading step ----
      const graded = await api.call('POST', `/hazards/${first}/grade`, {
        token: town,
        body: { grade: 'general', generalMode: 'immediate', accidentType: '火灾', industry: '危险化学品' },
      });
      expect(graded.status).toBe(200);
      await page.goto(`${baseUrlOf(ctx)}/#/hazards/${first}`);
      await waitForStatus(page, 'rectifying');
      const steps = await page.locator('[data-testid=timeline-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')));
      expect(steps).toEqual(['reported', 'discovery.merged', 'graded']);
      const row = page.locator('[data-testid=timeline-row][data-step=graded]');
      await row.getByTestId('why-button').click();
      const panel = row.getByTestId('explanation');
      await panel.getByTestId('explanation-facts').waitFor();
      const zh = await panel.getByTestId('explanation-text').textContent();
      expect(zh).toContain('依据：策略 default-v2 的 rectification.general.immediateWorkingDays');
      expect(zh).toMatch(/整改期限：定级 \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+ 1 个工作日/);
      // The panel shows the same deadline as the record (Beijing time).
      const deadline = (await api.call('GET', `/hazards/${first}`, { token: town })).body.rectificationDeadline as string;
      const wall = new Date(Date.parse(deadline) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      expect(zh).toContain(`= ${wall}`);
      await screenshot(page, 'why-explanation-zh');
      // Only steps with a computation offer 为什么？.
      expect(await page.locator('[data-testid=timeline-row][data-step=reported] [data-testid=why-button]').count()).toBe(0);

      await page.getByTestId('lang-switch').click();
      await page
        .locator('[data-testid=timeline-row][data-step=graded] [data-testid=explanation-text]')
        .filter({ hasText: 'Rule: policy default-v2' })
        .waitFor();
      expect(await page.locator('[data-testid=timeline-row][data-step=graded] [data-testid=explanation-text]').textContent()).toContain(
        `= ${wall}`,
      );
      await screenshot(page, 'why-explanation-en');
      expect(browser.errors).toEqual([]);
    }));
});

const baseUrlOf = (c: ConsoleWorld) => c.baseUrl;
