import { cpuPerUnit, type CpuReading } from './process-usage';

const reading = (rows: [number | 'bench', string, number][]): CpuReading =>
  new Map(rows.map(([pid, part, seconds]) => [pid, { part, seconds }]));

describe('processor time charged to a phase of a benchmark', () => {
  it('counts each process by its own use between the readings, per part and per unit', () => {
    const before = reading([
      ['bench', 'bench', 1],
      [10, 'worker', 5],
      [11, 'postgresql: apps', 2],
    ]);
    const after = reading([
      ['bench', 'bench', 1.1],
      [10, 'worker', 6],
      [11, 'postgresql: apps', 2.5],
    ]);
    expect(cpuPerUnit(before, after, 100)).toEqual({ bench: 1, worker: 10, 'postgresql: apps': 5, total: 16 });
  });

  it('does not take the whole life of a process that ended off its part, and counts a new one from zero', () => {
    // Backend 11 (30 s used during an earlier phase) had its idle connection closed; backend 12 opened in the phase.
    const before = reading([
      [10, 'postgresql: apps', 1],
      [11, 'postgresql: apps', 30],
    ]);
    const after = reading([
      [10, 'postgresql: apps', 2],
      [12, 'postgresql: apps', 0.5],
    ]);
    expect(cpuPerUnit(before, after, 10)).toEqual({ 'postgresql: apps': 150, total: 150 });
  });
});
