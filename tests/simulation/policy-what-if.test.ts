import { periodInstant } from '@hazards/simulation/simulation-bounds';
import { runSimulation } from '@hazards/simulation/simulation-engine';
import { buildSimulationReport, type SimulationReport } from '@hazards/simulation/simulation-report';
import {
  HAIMEN_SANCHANG,
  SHORTER_DEADLINES,
  TONGZHOU_JINSHA,
  WHAT_IF_PERIOD,
  whatIfScenario,
} from '@hazards/testing/fixtures/recorded-hazards';

describe('policy what-if (政策推演): county deadlines shortened from 90 to 60 working days', () => {
  let report: SimulationReport;

  beforeAll(async () => {
    const hazards = whatIfScenario(TONGZHOU_JINSHA, HAIMEN_SANCHANG);
    const from = periodInstant(WHAT_IF_PERIOD.from)!;
    const to = periodInstant(WHAT_IF_PERIOD.to)!;
    // Two servers side by side, the enterprises split between them: the report merges both.
    const out = await runSimulation({ policy: SHORTER_DEADLINES, hazards, from, to, resolutionMinutes: 0, shards: 2 });
    report = buildSimulationReport({
      jurisdiction: 'nantong',
      from,
      to,
      policyVersion: SHORTER_DEADLINES.version,
      resolutionMinutes: 0,
      hazards,
      simulated: out.simulated,
      skipped: out.skipped,
    });
  }, 120_000);

  test('two hazards on time in reality would have gone overdue; the others stay on time', () => {
    expect(report.hazards).toBe(4);
    expect(report.actual.overdue.count).toBe(0);
    expect(report.proposed.overdue.count).toBe(2);
    expect(report.byRegion).toEqual([
      expect.objectContaining({ region: 'haimen', hazards: 2, actualOverdue: 0, proposedOverdue: 0 }),
      expect.objectContaining({ region: 'tongzhou', hazards: 2, actualOverdue: 0, proposedOverdue: 2 }),
    ]);
  });

  test('both late hazards get the 督办函 (stage 1); only the one without its extension climbs to public criticism', () => {
    expect(report.actual.escalationsByStage).toEqual({});
    expect(report.proposed.escalationsByStage['1']).toBe(2);
    expect(report.proposed.escalationsByStage['2']).toBe(2);
    expect(report.proposed.escalationsByStage['5']).toBe(1);
    expect(report.proposed.documents.supervision_letter).toBe(2);
    expect(report.proposed.documents.public_criticism).toBe(1);
    expect(report.proposed.documents.interview).toBe(1);
  });

  test('the 45-working-day extension, over the proposed cap, is skipped and counted with its reason', () => {
    const requested = report.skipped.byReason.find((r) => r.step === 'extension.requested');
    expect(requested).toEqual(expect.objectContaining({ count: 1 }));
    expect(requested!.message).toMatch(/30/);
    expect(report.skipped.examples).toContainEqual(expect.objectContaining({ hazardId: 'sim-b', step: 'extension.requested' }));
    // Its approval then has nothing to approve.
    expect(report.skipped.byReason).toContainEqual(expect.objectContaining({ step: 'extension.approved', code: 'NO_PENDING_EXTENSION' }));
  });

  test('reviews due are counted per week and lead department', () => {
    const departments = new Set(report.proposed.reviewsDueByWeek.map((r) => r.department));
    expect(departments).toEqual(new Set(['危化科', '工贸科', '镇街安监 / township']));
    expect(report.proposed.reviewsDueByWeek.reduce((n, r) => n + r.count, 0)).toBe(4);
  });
});
