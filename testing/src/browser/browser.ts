import { shanghaiDateTime } from '@hazards/domain/time/shanghai-time';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT as ROOT } from '../paths';

export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium as this machine runs it: headless, as root, and with no calls home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

/**
 * npm test builds the console before Jest runs; a direct `npx jest tests/console` builds it here
 * when console/dist is missing or older than its sources.
 */
export function ensureConsoleBuilt(): void {
  const index = join(ROOT, 'console', 'dist', 'index.html');
  const fresh = () =>
    existsSync(index) &&
    statSync(index).mtimeMs >= Math.max(newestMtime(join(ROOT, 'console', 'src')), statSync(join(ROOT, 'console', 'index.html')).mtimeMs);
  if (fresh()) return;
  // Two Jest workers may get here at once: one builds, the other waits for it (mkdir is atomic).
  const lock = join(ROOT, 'test-output', '.console-build.lock');
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`waited 3 minutes for another console build (remove ${lock} if none runs)`);
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (!fresh()) execFileSync('npm', ['run', '-s', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
  errors: string[];
  refused: string[];
}

/**
 * One Chromium with a fresh profile folder. The browser's clock zone is New York on purpose:
 * the console must still show Beijing time. Each user gets a tab of their own (sessionStorage
 * holds the login per tab).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    timezoneId: 'America/New_York',
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(20_000);
  // (pageerror is per page: openAs subscribes each tab it opens.)
  const errors: string[] = [];
  const refused: string[] = [];
  // Every refused request, for the failure report (refusals are part of some tests, so not errors).
  context.on('response', (r) => {
    if (r.status() >= 400) refused.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return {
    context,
    errors,
    refused,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openAs(
  b: Browser,
  baseUrl: string,
  username: string,
  password: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const page = await b.context.newPage();
  page.on('pageerror', (e) => b.errors.push(`${page.url()}: ${e.message}`));
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${baseUrl}/`);
  const form = page.getByTestId('login-form');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await form.locator('button[type=submit]').click();
  try {
    await page.getByTestId('current-user').waitFor();
  } catch (err) {
    const shot = await screenshot(page, `failed-login-${username}`);
    throw new Error(
      `login as ${username} did not reach the console (screenshot ${shot}): ${(await page.locator('body').innerText()).slice(0, 500)}\n${b.errors.join('\n')}`,
      { cause: err },
    );
  }
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // From the top, so the sticky header is drawn where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.waitForSelector(`[data-testid=hazard-page][data-status="${status}"]`);
}

/** Beijing wall time as the console prints it. */
export function beijing(iso: string): string {
  return shanghaiDateTime(iso);
}

/** Runs a test body; when it fails, every open tab is photographed and its text added to the error. */
export async function withFailureShots(b: Browser, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const notes: string[] = [];
    for (const [i, page] of b.context.pages().entries()) {
      if (page.url() === 'about:blank') continue;
      const shot = await screenshot(page, `failed-${name}-${i}`).catch(() => 'none');
      const text = await page
        .locator('body')
        .innerText()
        .catch(() => '');
      notes.push(`tab ${i} ${page.url()} (screenshot ${shot}):\n${text.slice(0, 600)}`);
    }
    if (b.errors.length) notes.push(`page errors:\n${b.errors.join('\n')}`);
    notes.push(`refused requests:\n${b.refused.slice(-20).join('\n')}`);
    throw new Error(`${(err as Error).message}\n\n${notes.join('\n\n')}`, { cause: err });
  }
}
