import { DEFAULT_POLICY } from '../../libs/domain/src/policy/default-policy';
import { parsePolicy } from '../../libs/domain/src/policy/parse-policy';
import { runSimulation } from '../../libs/simulation/src/simulation-engine';
import { buildSimulationReport, type SimulationReport } from '../../libs/simulation/src/simulation-report';
import { generalHazard, HAIMEN_SANCHANG, majorCountyHazard, TONGZHOU_JINSHA } from '../../testing/src/fixtures/recorded-hazards';
import { sh } from '../../testing/src/workflows/hazard-fixtures';

/** The proposal supervisors ask about: county listings in 60 working days (not 90), extensions capped at 30 (not 60). */
export const SHORTER_DEADLINES = parsePolicy({
  ...DEFAULT_POLICY,
  version: 'proposed-county-60',
  rectification: { ...DEFAULT_POLICY.rectification, byListingLevel: { ...DEFAULT_POLICY.rectification.byListingLevel, county: 60 } },
  extension: { ...DEFAULT_POLICY.extension, maxWorkingDaysPerExtension: 30 },
});

export const HAZARDS = [
  // Closed 68 working days after listing: on time at 90, eight working days late at 60.
  majorCountyHazard({ id: 'sim-a', region: TONGZHOU_JINSHA, reportedAt: sh('2026-03-02'), completeAfterWorkingDays: 68 }),
  // Asked for 45 more working days (allowed then, over the proposed cap of 30): on time with it, long overdue without.
  majorCountyHazard({ id: 'sim-b', region: TONGZHOU_JINSHA, reportedAt: sh('2026-03-02'), completeAfterWorkingDays: 98, extension: { workingDays: 45, requestAfterWorkingDays: 30 } }),
  // Closed 40 working days after listing: on time under both.
  majorCountyHazard({ id: 'sim-c', region: HAIMEN_SANCHANG, reportedAt: sh('2026-04-01'), completeAfterWorkingDays: 40, leadDepartment: '工贸科' }),
  generalHazard('sim-d', HAIMEN_SANCHANG, sh('2026-05-06')),
];

describe('policy what-if (政策推演): county deadlines shortened from 90 to 60 working days', () => {
  let report: SimulationReport;

  beforeAll(async () => {
    const from = sh('2026-03-01', '00:00:00');
    const to = sh('2026-12-01', '00:00:00');
    const out = await runSimulation({ policy: SHORTER_DEADLINES, hazards: HAZARDS, from, to, resolutionMinutes: 0 });
    report = buildSimulationReport({ jurisdiction: 'nantong', from, to, policyVersion: SHORTER_DEADLINES.version, resolutionMinutes: 0, hazards: HAZARDS, simulated: out.simulated, skipped: out.skipped });
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
