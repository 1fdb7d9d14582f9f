import { TestWorkflowEnvironment } from '@temporalio/testing';
import type * as ApiContextModule from './api-test-context';
import type { ApiTestContext } from './api-test-context';
import { registerSearchAttributes, TEST_SERVER } from '../workflows/scenario-env';

/**
 * The API and the real worker against a time-skipping Temporal server, so a test can leave a
 * hazard overdue for weeks (`env.sleep`). The API reads its configuration when its module is first
 * loaded, so it is loaded only once TEMPORAL_ADDRESS points at the time-skipping server: call this
 * before anything imports the API's modules at run time.
 */
export async function startTimeSkippingApiContext(): Promise<{ env: TestWorkflowEnvironment; ctx: ApiTestContext }> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEST_SERVER } } });
  await registerSearchAttributes(env);
  process.env.TEMPORAL_ADDRESS = env.address;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startApiTestContext } = require('./api-test-context') as typeof ApiContextModule;
  return { env, ctx: await startApiTestContext() };
}
