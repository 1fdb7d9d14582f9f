import { startApiTestContext, type ApiTestContext } from '../api/api-test-context';
import { ensureConsoleBuilt, launchBrowser, type Browser } from './browser';

/** What a console test drives: an API test context (its own jurisdiction tree, the real worker) and Chromium. */
export interface ConsoleWorld extends ApiTestContext {
  browser: Browser;
  /** Closes the browser, then stops the API, the worker and the database. */
  stop(): Promise<void>;
}

/** The console built (when stale), the API world started and Chromium launched. */
export async function startConsoleWorld(): Promise<ConsoleWorld> {
  ensureConsoleBuilt();
  const ctx = await startApiTestContext();
  const browser = await launchBrowser();
  return {
    ...ctx,
    browser,
    stop: async () => {
      await browser.close();
      await ctx.stop();
    },
  };
}
