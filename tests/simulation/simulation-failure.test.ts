import { runSimulation } from '@hazards/simulation/simulation-engine';
import { SHORTER_DEADLINES, syntheticYear } from '@hazards/testing/fixtures/recorded-hazards';
import { waitFor } from '@hazards/testing/polling';
import { commandLine, descendants } from '@hazards/testing/report/process-usage';

const simulationChildren = () => descendants().filter((pid) => commandLine(pid)?.includes('simulation-child'));

describe('policy what-if: a server that fails ends the run with its reason', () => {
  test('the run rejects with the first failure, the servers waiting their turn never start, no child is left', async () => {
    const progress: string[] = [];
    const run = runSimulation({
      policy: SHORTER_DEADLINES,
      hazards: syntheticYear(40),
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      // 4 servers in 2 children, one at a time: each child's first server fails to start.
      shards: 4,
      processes: 2,
      shardsAtOnce: 1,
      testServer: '/nonexistent/temporal-test-server',
      onProgress: (p) => progress.push(p.phase),
    });
    await expect(run).rejects.toThrow(/找不到时间跳跃测试服务器 .*not found at \/nonexistent\/temporal-test-server/);
    await waitFor('the simulation children to exit', () => simulationChildren().length === 0, 30_000);
    // The parent told its totals before any child answered, and nothing got past starting.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((phase) => phase === 'starting')).toBe(true);
  }, 60_000);
});
