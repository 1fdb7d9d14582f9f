import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatedHazard } from '@hazards/simulation/simulation-recorder';
import { runSimulation, type SimulationOutput, type SimulationProgress } from '@hazards/simulation/simulation-engine';
import { SHORTER_DEADLINES, syntheticYear } from '@hazards/testing/fixtures/recorded-hazards';

/**
 * 政策推演 gives the same outcomes however it is run. The reference (fixtures/) is what the engine
 * replayed in one process, before the replay moved into child processes and its client onto the
 * native connection: 40 hazards of a synthetic year, county deadlines of 60 working days, 2 servers.
 * Every hazard must come out the same now: its status, deadline, closing, grade and every step
 * with its data (escalation stages, reminders, documents issued), and the same actions refused.
 *
 * What legitimately differs between two runs of the same input is left out of the comparison:
 * - instants by milliseconds to seconds: a step is recorded when its workflow task runs, and the
 *   server's clock runs on while it does; they are compared within 2 minutes (the engine's own
 *   processing window), far below the hour of a group or the day of a deadline;
 * - the serial numbers of documents (测county告〔2026〕4号, doc-4-…): each server's in-memory desk
 *   numbers them in the order hazards acted on at the same instant happen to ask.
 */
const REFERENCE = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'synthetic-year-40.outcomes.json'), 'utf8')) as {
  applied: number;
  skipped: { hazardId: string; step: string; at: string; code: string }[];
  hazards: Record<string, Pick<SimulatedHazard, 'status' | 'grade' | 'closedAt' | 'steps'> & { deadline: string | null }>;
};
const TOLERANCE_MS = 120_000;
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The paths (hazard.field.…) where `actual` differs from `expected`, instants within the tolerance. */
function differences(actual: unknown, expected: unknown, path: string): string[] {
  if (typeof actual === 'string' && typeof expected === 'string') {
    if (ISO_INSTANT.test(actual) && ISO_INSTANT.test(expected)) {
      return Math.abs(Date.parse(actual) - Date.parse(expected)) <= TOLERANCE_MS ? [] : [`${path}: ${actual} ≠ ${expected}`];
    }
    const serialless = (s: string) => s.replace(/^doc-\d+-/, 'doc-#-').replace(/〔(\d{4})〕\d+号/, '〔$1〕#号');
    return serialless(actual) === serialless(expected) ? [] : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    return [...keys].flatMap((k) => differences(a[k], e[k], `${path}.${k}`));
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

describe('policy what-if: a fixed synthetic year comes out as the reference replay did', () => {
  const hazards = syntheticYear(40);
  let out: SimulationOutput;
  const progress: SimulationProgress[] = [];

  beforeAll(async () => {
    out = await runSimulation({
      policy: SHORTER_DEADLINES,
      hazards,
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      resolutionMinutes: 60,
      // The reference ran its 2 servers side by side in one process; here one child process
      // replays them in turn (the same split by enterprise: a group of actions within the
      // resolution is formed per server, so another split may move an action by up to an hour).
      shards: 2,
      processes: 1,
      shardsAtOnce: 1,
      onProgress: (p) => progress.push(p),
    });
  }, 180_000);

  test('every hazard: status, deadline, closing, grade and each step with its data', () => {
    expect(Object.keys(REFERENCE.hazards)).toHaveLength(40);
    const actual = Object.fromEntries(
      hazards.map((h) => {
        const s = out.simulated.get(h.hazardId)!;
        return [h.hazardId, { status: s.status, deadline: s.rectificationDeadline, closedAt: s.closedAt, grade: s.grade, steps: s.steps }];
      }),
    );
    expect(differences(actual, REFERENCE.hazards, 'hazards')).toEqual([]);
    // The reference is not trivial: escalations up the ladder, reminders, documents.
    const steps = Object.values(REFERENCE.hazards).flatMap((h) => h.steps);
    expect(new Set(steps.filter((s) => s.step === 'escalation').map((s) => s.data.stage ?? s.data.kind)).size).toBeGreaterThanOrEqual(6);
    expect(steps.some((s) => s.step === 'reminder')).toBe(true);
  });

  test('the same actions refused by the proposed policy, with the same codes; the rest applied', () => {
    const key = (s: { hazardId: string; step: string; code: string }) => `${s.hazardId} ${s.step} ${s.code}`;
    expect(out.skipped.map(key).sort()).toEqual(REFERENCE.skipped.map(key).sort());
    expect(REFERENCE.skipped.length).toBeGreaterThan(0);
    expect(out.applied).toBe(REFERENCE.applied);
  });

  test('progress counts the whole run from the start, the servers waiting their turn included', () => {
    const totals = new Set(progress.map((p) => p.total));
    expect(totals.size).toBe(1);
    const [total] = totals;
    expect(total).toBeGreaterThan(40);
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ phase: 'done', done: total, total });
  });
});
