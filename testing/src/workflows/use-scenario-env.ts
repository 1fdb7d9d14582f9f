import type { HazardActivities } from '@hazards/temporal/hazard-activities';
import { startScenarioEnv, type ScenarioEnv } from './scenario-env';

/**
 * A test file's scenario env: started before its tests (its clock at `startAt`), torn down after
 * them. What it returns reads through to the running env, so tests write `t.recorder`, `t.now()`.
 */
export function useScenarioEnv(startAt: string, taskQueue?: string, calendar?: Pick<HazardActivities, 'shiftWorkingDays'>): ScenarioEnv {
  let running: ScenarioEnv | undefined;
  beforeAll(async () => {
    running = await startScenarioEnv(startAt, taskQueue, calendar);
  });
  afterAll(async () => running?.teardown());
  const current = (): ScenarioEnv => {
    if (!running) throw new Error('the scenario env starts in beforeAll: use it inside a test');
    return running;
  };
  return {
    get env() {
      return current().env;
    },
    get worker() {
      return current().worker;
    },
    get recorder() {
      return current().recorder;
    },
    get documents() {
      return current().documents;
    },
    get taskQueue() {
      return current().taskQueue;
    },
    now: () => current().now(),
    advanceTo: (instant) => current().advanceTo(instant),
    closeCalls: () => current().closeCalls(),
    teardown: () => current().teardown(),
  };
}
