import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { historyToActions } from '@hazards/simulation/history-to-actions';
import type { RecordedHazard } from '@hazards/simulation/recorded-hazard';
import { periodInstant } from '@hazards/simulation/simulation-bounds';
import { runSimulation, type SimulationOutput } from '@hazards/simulation/simulation-engine';
import { majorCountyHazard, TONGZHOU_JINSHA, WHAT_IF_PERIOD } from '@hazards/testing/fixtures/recorded-hazards';

/**
 * 政策推演 replays the publication of a notice (公布摘牌公告) like the other recorded actions: a county
 * that published its delisting notice three working days after the sign-off, within the five the
 * policy allows, is not escalated for an overdue publication in the simulation either. The same
 * hazard whose notice was never published is.
 */
describe('policy what-if: the recorded publication of a delisting notice is replayed', () => {
  let out: SimulationOutput;
  const at = (date: string) => new Date(`${date}T10:00:00+08:00`).toISOString();
  const published = majorCountyHazard({
    id: 'sim-notice-published',
    region: TONGZHOU_JINSHA,
    reportedAt: at('2026-03-02'),
    completeAfterWorkingDays: 40,
  });
  const unpublished = majorCountyHazard({
    id: 'sim-notice-unpublished',
    region: TONGZHOU_JINSHA,
    reportedAt: at('2026-03-03'),
    completeAfterWorkingDays: 40,
  });
  const closedAt = published.actual.closedAt!;
  const publishedAt = addWorkingDays(closedAt, 3).toISOString();
  // As the read model recorded it: the real notice's id, kind and date.
  const [publication] = historyToActions([
    {
      seq: 20,
      step: 'notice.published',
      at: publishedAt,
      actor: TONGZHOU_JINSHA.county,
      reason: null,
      data: { documentId: 'real-delisting-notice', kind: 'delisting_notice', number: '通安委办告〔2026〕7号', publishedAt, late: false },
    },
  ]);
  published.actions.push(publication);
  const escalations = (h: RecordedHazard) =>
    out.simulated
      .get(h.hazardId)!
      .steps.filter((s) => s.step === 'escalation')
      .map((s) => s.data.kind);

  beforeAll(async () => {
    out = await runSimulation({
      policy: DEFAULT_POLICY,
      hazards: [published, unpublished],
      from: periodInstant(WHAT_IF_PERIOD.from)!,
      to: periodInstant(WHAT_IF_PERIOD.to)!,
      resolutionMinutes: 0,
    });
  }, 120_000);

  it('publishes the simulated delisting notice at the recorded date: no publication_overdue, nothing skipped', () => {
    expect(publication).toMatchObject({ update: 'publishNotice' });
    expect(out.skipped).toEqual([]);
    const step = out.simulated.get(published.hazardId)!.steps.find((s) => s.step === 'notice.published');
    expect(step?.data).toMatchObject({ kind: 'delisting_notice', publishedAt, late: false });
    expect(step?.data.documentId).not.toBe('real-delisting-notice');
    expect(escalations(published)).not.toContain('publication_overdue');
  });

  it('escalates the notice that was never published', () => {
    expect(escalations(unpublished)).toContain('publication_overdue');
  });
});
