import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { simulationSettings } from '@hazards/config/environment.schema';
import { HAZARD_SEARCH_ATTRIBUTES } from '@hazards/temporal/search-attributes';

const FAKETIME_LIBS = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', '/usr/lib/faketime/libfaketimeMT.so.1'];

/** The time-skipping test server binary: TEMPORAL_TEST_SERVER, else the one `npm test` fetched into .tools/. */
export function testServerPath(): string {
  const configured = simulationSettings().TEMPORAL_TEST_SERVER;
  if (configured) return configured;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, '.tools', 'temporal-test-server', 'temporal-test-server');
    if (existsSync(candidate)) return candidate;
  }
  return resolve('.tools', 'temporal-test-server', 'temporal-test-server');
}

/**
 * The test server starts at the machine's clock and only moves forward; a replay of a past period
 * needs it at the period's start. libfaketime (`apt-get install libfaketime`) starts the server's
 * clock at `startAt`: the workflow's time is the server's, so every timer runs on the period's dates.
 */
export function serverStartingAt(startAt: string, server = testServerPath()): string {
  const lib = FAKETIME_LIBS.find((p) => existsSync(p));
  if (!lib) {
    throw new Error(
      `需要 libfaketime 设定测试服务器时钟 / libfaketime (apt-get install libfaketime) is needed to start the test server at ${startAt}`,
    );
  }
  if (!existsSync(server))
    throw new Error(`找不到时间跳跃测试服务器 / time-skipping test server not found at ${server} (set TEMPORAL_TEST_SERVER)`);
  const utc = new Date(startAt).toISOString().replace('T', ' ').slice(0, 19);
  const dir = mkdtempSync(join(tmpdir(), 'hazard-ts-'));
  const script = join(dir, 'temporal-test-server');
  writeFileSync(script, `#!/bin/sh\nexport LD_PRELOAD=${lib}\nexport FAKETIME="@${utc}"\nexport TZ=UTC\nexec "${server}" "$@"\n`);
  chmodSync(script, 0o755);
  return script;
}

/** IndexedValueType numbers of temporal.api.enums.v1, by the names the stack registers them with. */
const INDEXED_VALUE_TYPE: Record<string, number> = { Text: 1, Keyword: 2, Int: 3, Double: 4, Bool: 5, Datetime: 6, KeywordList: 7 };

/** The hazard search attributes, registered as the local stack does: the workflow upserts them on every step. */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const searchAttributes = Object.fromEntries(
    Object.entries(HAZARD_SEARCH_ATTRIBUTES).map(([name, type]) => [name, INDEXED_VALUE_TYPE[type]]),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
}

/** An isolated time-skipping server (its own process, its own namespace) whose clock starts at `startAt`. */
export async function startTimeSkippingServer(startAt: string, server?: string): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverStartingAt(startAt, server) } },
  });
  await registerSearchAttributes(env);
  return env;
}
