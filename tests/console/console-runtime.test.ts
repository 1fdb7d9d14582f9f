import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { startApi } from '@hazards/testing/api/api-app';
import { createReferenceTree, TEST_PASSWORD, type ReferenceTree } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { HazardScript, inDays } from '@hazards/testing/fixtures/notification-world';
import { ensureConsoleBuilt, launchBrowser, openAs, screenshot, withFailureShots, type Browser } from '@hazards/testing/browser/browser';

/**
 * An administrator without Grafana opens 运行状态 and sees the figures /metrics exports: open
 * hazards by status and level, overdue hazards by stage, queues, escalation lateness, sends and
 * request latency, drawn with ECharts. Supervisors do not get the page.
 */
describe('the web console: runtime status (运行状态)', () => {
  let ds: DataSource;
  let app: INestApplication;
  let baseUrl: string;
  let tree: ReferenceTree;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    ds = await openTestDataSource();
    tree = await createReferenceTree(ds);
    ({ app, baseUrl } = await startApi());
    browser = await launchBrowser();
    // An overdue hazard escalated once, as the worker records it.
    const hz = new HazardScript(ds, `rt-${tree.suffix}-1`, {
      enterpriseId: tree.id.entA,
      path: [tree.id.city, tree.id.countyA, tree.id.townA, tree.id.gridA],
      description: '运行状态测试隐患',
    });
    await hz.reportAndList({ level: 'township', leadDepartment: 'none', deadline: inDays(-3), quick: true });
    await hz.relistUp('county');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ds?.destroy();
  });

  it('draws the open, overdue, queue and latency figures for an admin, refreshed from the API', async () => {
    await withFailureShots(browser, 'runtime', async () => {
      const page = await openAs(browser, baseUrl, tree.users.admin, TEST_PASSWORD);
      await page.getByRole('link', { name: '运行状态', exact: true }).click();
      await page.getByTestId('runtime').waitFor();
      for (const chart of ['open', 'overdue', 'queues', 'depth', 'http']) {
        await page.getByTestId(`runtime-chart-${chart}`).locator('canvas').first().waitFor({ timeout: 30_000 });
      }
      await page.getByText('死信').first().waitFor();
      await screenshot(page, 'runtime-status');
    });
  });

  it('is not offered to a supervisor', async () => {
    const page = await openAs(browser, baseUrl, tree.users.countyA, TEST_PASSWORD);
    await page.getByTestId('board').waitFor();
    expect(await page.getByRole('link', { name: '运行状态', exact: true }).count()).toBe(0);
    await page.goto(`${baseUrl}/#/runtime`);
    await page.getByTestId('board').waitFor(); // sent home instead
  });
});
