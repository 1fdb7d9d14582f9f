import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { startConsoleWorld, type ConsoleWorld } from '@hazards/testing/browser/console-world';
import { apiClient } from '@hazards/testing/api/http-client';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openAs, screenshot, withFailureShots, type Browser } from '@hazards/testing/browser/browser';

const kpi = async (page: Page, name: string) => (await page.locator(`[data-testid=kpi-${name}] .kpi-value`).textContent())?.trim();
const overdueRows = (page: Page) => page.locator('[data-testid=overdue-row]');

/**
 * The overdue board, and who may see what. Hazards are reported and graded through the API (the
 * browser part of that path is the lifecycle test's). A hazard's rectification deadline is days
 * away when it is graded; to have one overdue now, the test moves the deadline of the read-model
 * row into the past and sets the escalation stage the workflow's ladder timer would have set by
 * then. The board and the list read only the read model, so that is what they see; the workflow
 * itself is untouched and writes the row again only at its next step (none happens in this test:
 * the hazards are graded 'short', five working days, whose first reminder is four working days off).
 */
describe('the web console: the overdue board and jurisdiction scoping', () => {
  let ds: DataSource;
  let baseUrl: string;
  let ctx: ConsoleWorld;
  let tree: ReferenceTree;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await startConsoleWorld();
    ({ ds, tree, baseUrl, api, browser } = ctx);

    const [entA, entB, countyA, countyB] = await Promise.all([
      api.login(tree.users.entA, TEST_PASSWORD),
      api.login(tree.users.entB, TEST_PASSWORD),
      api.login(tree.users.countyA, TEST_PASSWORD),
      api.login(tree.users.countyB, TEST_PASSWORD),
    ]);
    const report = async (token: string, enterpriseId: string, description: string) => {
      const r = await api.call('POST', '/hazards', { token, body: { enterpriseId, source: '企业自查', description } });
      expect(r.status).toBe(201);
      return r.body.hazardId as string;
    };
    const grade = async (token: string, id: string, accidentType: string) => {
      const r = await api.call('POST', `/hazards/${id}/grade`, {
        token,
        body: { grade: 'general', generalMode: 'short', accidentType, industry: '制造业' },
      });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('rectifying');
    };
    ids.overdueA = await report(entA, tree.id.entA, '配电房绝缘垫破损，未设置警示标识');
    ids.onTimeA = await report(entA, tree.id.entA, '叉车通道堆放原料，通道宽度不足');
    ids.reportedA = await report(entA, tree.id.entA, '危废暂存间防渗漏托盘缺失');
    ids.overdueB = await report(entB, tree.id.entB, '冲压机光电保护装置失效');
    await grade(countyA, ids.overdueA, '触电');
    await grade(countyA, ids.onTimeA, '车辆伤害');
    await grade(countyB, ids.overdueB, '机械伤害');
    // Reported three weeks ago and overdue since ten calendar days (stage 1 of the general ladder: a
    // supervision letter); the other county's since three days.
    const overdue = (id: string, reportedDaysAgo: number, overdueDays: number) =>
      ds.query(
        `update hazards set reported_at = now() - make_interval(days => $2), rectification_deadline = now() - make_interval(days => $3),
         current_deadline = now() - make_interval(days => $3), escalation_stage = 1 where id = $1`,
        [id, reportedDaysAgo, overdueDays],
      );
    await overdue(ids.overdueA, 21, 10);
    await overdue(ids.overdueB, 7, 3);
  });

  afterAll(async () => ctx?.stop());

  it('shows a county its overdue hazard with its stage, and counts that agree with the list', () =>
    withFailureShots(browser, 'board-county', async () => {
      const token = await api.login(tree.users.countyA, TEST_PASSWORD);
      const listed = (await api.call('GET', '/hazards?overdue=true', { token })).body;
      expect(listed.total).toBe(1);
      expect(listed.items[0].id).toBe(ids.overdueA);
      const board = (await api.call('GET', '/board', { token })).body;
      expect(board.totals).toMatchObject({ total: 3, open: 3, overdue: 1 });
      expect(board.overdue.total).toBe(listed.total);

      const page = await openAs(browser, baseUrl, tree.users.countyA, TEST_PASSWORD);
      await page.getByTestId('kpis').waitFor();
      expect(await page.locator('h1').first().textContent()).toBe(`甲县${tree.suffix} 隐患监管看板`);
      expect(await kpi(page, 'overdue')).toBe('1');
      expect(await kpi(page, 'total')).toBe('3');
      expect(await kpi(page, 'open')).toBe('3');
      expect(await overdueRows(page).count()).toBe(1);
      const row = overdueRows(page).first();
      expect(await row.getAttribute('data-hazard-id')).toBe(ids.overdueA);
      expect(await row.getByTestId('escalation-stage').textContent()).toBe('第1级 · 发督办函');
      expect(Number(await row.getByTestId('working-days-overdue').textContent())).toBe(listed.items[0].workingDaysOverdue);
      expect(listed.items[0].workingDaysOverdue).toBeGreaterThanOrEqual(5);
      // The region one level down (the county's township) carries the same count; the other county's hazard is nowhere.
      expect(await page.locator(`[data-region="${tree.id.townA}"] [data-testid=region-overdue]`).textContent()).toBe('1');
      expect(await page.locator(`[data-hazard-id="${ids.overdueB}"]`).count()).toBe(0);
      // Status counts and the charts are drawn.
      expect(await page.locator('[data-testid=by-status] [data-status=rectifying] strong').textContent()).toBe('2');
      expect(await page.locator('[data-testid=by-status] [data-status=reported] strong').textContent()).toBe('1');
      for (const chart of ['chart-trend', 'chart-accident', 'chart-closure'])
        await page.locator(`[data-testid=${chart}] canvas`).first().waitFor();
      await screenshot(page, 'board');

      // A filter narrows board and list alike: no major hazard is overdue here.
      await page.locator('[data-testid=board-filters] select[name=grade]').selectOption('major');
      await page.waitForFunction(() => document.querySelector('[data-testid=kpi-total] .kpi-value')?.textContent === '0');
      expect(await kpi(page, 'overdue')).toBe('0');
      expect((await api.call('GET', '/hazards?overdue=true&grade=major', { token })).body.total).toBe(0);

      // From the board to the hazard: its page shows the stage and the overdue working days.
      await page.locator('[data-testid=board-filters] button[type=button]').click();
      await overdueRows(page).first().locator('a').click();
      await page.waitForSelector(`[data-testid=hazard-page][data-hazard-id="${ids.overdueA}"]`);
      expect(await page.getByTestId('record').innerText()).toContain('第1级');
      expect(await page.locator('.badge.overdue').textContent()).toBe(`逾期${listed.items[0].workingDaysOverdue}个工作日`);
    }));

  it('shows the city both counties, worst first, in English too', () =>
    withFailureShots(browser, 'board-city', async () => {
      const page = await openAs(browser, baseUrl, tree.users.city, TEST_PASSWORD);
      await page.getByTestId('kpis').waitFor();
      expect(await kpi(page, 'overdue')).toBe('2');
      const regions = await page
        .locator('[data-testid=by-region] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')));
      // Both have one overdue; 乙区's is its only open hazard, 甲县's one of three: the higher overdue share leads.
      expect(regions).toEqual([tree.id.countyB, tree.id.countyA]);
      expect(await overdueRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hazard-id')))).toEqual([
        ids.overdueA,
        ids.overdueB,
      ]);
      await page.getByTestId('lang-switch').click();
      await page.getByText('Overdue hazards', { exact: false }).first().waitFor();
      expect(await overdueRows(page).first().getByTestId('escalation-stage').textContent()).toBe('Stage 1 · Supervision letter');
      await screenshot(page, 'board-city-en');
      await page.getByTestId('lang-switch').click();
      await page.getByText('逾期隐患清单', { exact: false }).first().waitFor();
    }));

  it('keeps a township out of another township’s hazard, on the board and by URL', () =>
    withFailureShots(browser, 'scoping', async () => {
      const page = await openAs(browser, baseUrl, tree.users.townB, TEST_PASSWORD);
      await page.getByTestId('kpis').waitFor();
      expect(await kpi(page, 'overdue')).toBe('1');
      expect(await overdueRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hazard-id')))).toEqual([ids.overdueB]);
      expect(await page.locator(`[data-hazard-id="${ids.overdueA}"]`).count()).toBe(0);
      await page.goto(`${baseUrl}/#/hazards`);
      await page.getByTestId('hazard-list').waitFor();
      await page.locator('[data-testid=hazard-row]').first().waitFor();
      expect(await page.locator(`[data-testid=hazard-row][data-hazard-id="${ids.overdueA}"]`).count()).toBe(0);

      // By URL, in the console: the same answer as for a hazard that does not exist, and nothing of it shown.
      await page.goto(`${baseUrl}/#/hazards/${ids.overdueA}`);
      await page.getByTestId('page-error').waitFor();
      expect(await page.getByTestId('page-error').innerText()).toContain('对象不存在或无权查看。');
      expect(await page.getByTestId('hazard-page').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain('配电房绝缘垫破损');
      // By the link a message would carry (/hazards/<id>): the browser lands on the same refusal.
      await page.goto(`${baseUrl}/hazards/${ids.overdueA}`);
      expect(page.url()).toBe(`${baseUrl}/#/hazards/${ids.overdueA}`);
      await page.getByTestId('page-error').waitFor();
      // And the API itself, with the township's token, and its board for the other county.
      const token = await api.login(tree.users.townB, TEST_PASSWORD);
      expect((await api.call('GET', `/hazards/${ids.overdueA}`, { token })).status).toBe(404);
      expect((await api.call('GET', `/hazards/${ids.overdueA}/evidence/00000000-0000-4000-8000-000000000000`, { token })).status).toBe(404);
      const other = await api.call('GET', `/board?jurisdictionId=${tree.id.townA}`, { token });
      expect(other.status).toBe(422);
      expect(other.body.field).toBe('jurisdictionId');
      // Enterprises have no board.
      expect((await api.call('GET', '/board', { token: await api.login(tree.users.entA, TEST_PASSWORD) })).status).toBe(403);
      expect(browser.errors).toEqual([]);
    }));

  it('shows an enterprise its inbox on a phone, and marks a message read', () =>
    withFailureShots(browser, 'inbox', async () => {
      // A message as the notifier writes it (apps/notifier InboxChannel): zh-CN title / English, body zh --- en.
      const [user] = await ds.query('select id from users where username = $1', [tree.users.entA]);
      await ds.query(
        `insert into inbox_messages (delivery_key, user_id, kind, title, body, link, hazard_id) values ($1, $2, 'escalation', $3, $4, $5, $6)`,
        [
          `console-test-${tree.suffix}`,
          user.id,
          '【隐患升级督办】配电房绝缘垫破损，未设置警示标识 / Hazard escalated',
          '逾期第1级：发督办函。\n详情：见隐患页面\n\n---\nOverdue stage 1: supervision letter.\nDetails: see the hazard page',
          `${baseUrl}/hazards/${ids.overdueA}`,
          ids.overdueA,
        ],
      );
      const token = await api.login(tree.users.entA, TEST_PASSWORD);
      const inboxApi = await api.call('GET', '/inbox', { token });
      const page = await openAs(browser, baseUrl, tree.users.entA, TEST_PASSWORD, { width: 390, height: 844 });
      await page.goto(`${baseUrl}/#/inbox`);
      await page.getByTestId('inbox').waitFor();
      expect(inboxApi.status).toBe(200);
      expect(inboxApi.body.unread).toBe(1);
      await page.getByTestId('unread-count').waitFor();
      expect(await page.getByTestId('unread-count').textContent()).toBe('1');
      const item = page.getByTestId('inbox-item').first();
      expect(await item.innerText()).toContain('【隐患升级督办】配电房绝缘垫破损，未设置警示标识');
      expect(await item.innerText()).toContain('逾期第1级：发督办函。');
      expect(await item.innerText()).not.toContain('supervision letter');
      await screenshot(page, 'inbox-phone');
      await item.getByRole('button', { name: '标为已读' }).click();
      await page.waitForFunction(() => !document.querySelector('[data-testid=unread-count]'));
      // The badge and the item re-render separately: wait for the item too before reading its class.
      await item
        .locator('xpath=self::*[@class="read"]')
        .waitFor({ timeout: 10_000 })
        .catch(() => undefined);
      expect(await item.getAttribute('class')).toBe('read');
      await item.getByRole('link').click();
      await page.waitForSelector(`[data-testid=hazard-page][data-hazard-id="${ids.overdueA}"]`);
    }));
});
