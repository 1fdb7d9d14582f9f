import { overallProgress, shardCount, type SimulationProgress } from './simulation-engine';

describe('shardCount: how many time-skipping servers a simulation uses', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('one server per SIMULATION_HAZARDS_PER_SHARD hazards, rounded up, at least one', () => {
    delete process.env.SIMULATION_SHARDS;
    process.env.SIMULATION_HAZARDS_PER_SHARD = '400';
    expect(shardCount(10_000)).toBe(25);
    expect(shardCount(10_001)).toBe(26);
    expect(shardCount(399)).toBe(1);
    expect(shardCount(0)).toBe(1);
  });

  test('rounded up to whole turns of the servers replayed at once, so no child ends on a server alone', () => {
    delete process.env.SIMULATION_SHARDS;
    process.env.SIMULATION_HAZARDS_PER_SHARD = '400';
    // 2 children × 2 at a time: 25 would leave one child a last turn of one server.
    expect(shardCount(10_000, undefined, 4)).toBe(28);
    expect(shardCount(1_600, undefined, 4)).toBe(4);
    // Within one turn every server runs at once: no more than the size asks for.
    expect(shardCount(40, undefined, 4)).toBe(1);
    expect(shardCount(1_000, undefined, 4)).toBe(3);
  });

  test('never more than 64 servers, however small the share or large the count asked', () => {
    delete process.env.SIMULATION_SHARDS;
    process.env.SIMULATION_HAZARDS_PER_SHARD = '1';
    expect(shardCount(20_000, undefined, 4)).toBe(64);
    expect(shardCount(20_000, 500)).toBe(64);
  });

  test('SIMULATION_SHARDS fixes the count; a count asked for wins over both', () => {
    process.env.SIMULATION_SHARDS = '6';
    expect(shardCount(10_000)).toBe(6);
    expect(shardCount(10_000, 3)).toBe(3);
    expect(shardCount(10_000, undefined, 4)).toBe(6);
  });
});

describe('overallProgress: one figure for shards that run in turns', () => {
  const p = (phase: SimulationProgress['phase'], done: number, total: number): SimulationProgress => ({ phase, done, total });

  test('sums every shard, those still waiting their turn included', () => {
    expect(overallProgress([p('done', 10, 10), p('replaying', 3, 8), p('starting', 0, 12)])).toEqual(p('replaying', 13, 30));
  });

  test('starting only while no shard has begun; replaying while some wait and others are done', () => {
    expect(overallProgress([p('starting', 0, 5), p('starting', 0, 7)]).phase).toBe('starting');
    expect(overallProgress([p('done', 5, 5), p('starting', 0, 7)]).phase).toBe('replaying');
  });

  test('finishing once every shard is past its last action; done when all are', () => {
    expect(overallProgress([p('finishing', 5, 5), p('done', 7, 7)]).phase).toBe('finishing');
    expect(overallProgress([p('done', 5, 5), p('done', 7, 7)])).toEqual(p('done', 12, 12));
  });
});
