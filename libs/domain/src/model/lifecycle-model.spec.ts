import { addWorkingDays } from '../calendar/cn-calendar';
import type { Actor } from '../hazard/actor';
import { DEFAULT_POLICY as policy } from '../policy/default-policy';
import { LifecycleModel } from './lifecycle-model';

const PATH = ['nantong', 'tongzhou', 'jinsha', 'jinsha-g1'];
const sup = (level: 'township' | 'county' | 'city', id: string): Actor => ({
  userId: id,
  role: 'supervisor',
  jurisdictionId: id,
  jurisdictionLevel: level,
});
const town = sup('township', 'jinsha');
const county = sup('county', 'tongzhou');
const city = sup('city', 'nantong');
const ent: Actor = { userId: 'e', role: 'enterprise', enterpriseId: 'E' };
const T0 = Date.parse('2025-06-09T01:00:00.000Z'); // Monday 09:00 Shanghai
const DAY = 24 * 3600_000;
const model = () => new LifecycleModel(policy, { addWorkingDays }, { enterpriseId: 'E', jurisdictionPath: PATH }, T0);

describe('the reference model of the lifecycle', () => {
  it('a county listing runs 90 working days; a lower level may neither decide its plan nor withdraw it', () => {
    const m = model();
    expect(m.apply({ kind: 'grade', actor: county, grade: 'major' }, T0)).toBe(true);
    expect(m.apply({ kind: 'list', actor: town, level: 'county' }, T0)).toBe(false);
    expect(m.apply({ kind: 'list', actor: county, level: 'county' }, T0)).toBe(true);
    expect(m.rectification).toBe(addWorkingDays(T0, 90).getTime());
    expect(m.currentDeadline).toBe(addWorkingDays(T0, 10).getTime());
    expect(m.apply({ kind: 'submitPlan', actor: ent, productionStopped: false }, T0)).toBe(true);
    expect(m.apply({ kind: 'decidePlan', actor: town, decision: 'approve' }, T0)).toBe(false);
    expect(m.apply({ kind: 'withdraw', actor: town }, T0)).toBe(false);
    expect(m.apply({ kind: 'decidePlan', actor: county, decision: 'approve' }, T0)).toBe(true);
    expect(m.status).toBe('rectifying');
    expect(m.steps).toBe(5);
  });

  it('an ungraded report is reminded, then escalated to the county', () => {
    const m = model();
    m.advance(T0 + 10 * DAY);
    expect(m.escalations.map((e) => [e.kind, e.escalatedTo])).toEqual([['grading_overdue', 'county']]);
    expect(m.steps).toBe(3); // reported, reminder, escalation
  });

  it('a township listing left overdue climbs to the city, every ladder stage once, then tracing', () => {
    const m = model();
    m.apply({ kind: 'grade', actor: county, grade: 'major' }, T0);
    m.apply({ kind: 'list', actor: town, level: 'township' }, T0);
    m.apply({ kind: 'submitPlan', actor: ent, productionStopped: false }, T0);
    m.apply({ kind: 'decidePlan', actor: town, decision: 'approve' }, T0);
    m.advance(T0 + 200 * DAY);
    expect(m.listingLevel).toBe('city');
    expect(m.escalations.filter((e) => e.kind === 'overdue_ladder').map((e) => e.stage)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.traced).toBe(true);
  });

  it('a stop ordered by the county is lifted by the county or the city, not the township', () => {
    const m = model();
    m.apply({ kind: 'productionStop', actor: county, action: 'ordered' }, T0);
    expect(m.apply({ kind: 'productionStop', actor: town, action: 'lifted' }, T0)).toBe(false);
    expect(m.apply({ kind: 'productionStop', actor: city, action: 'lifted' }, T0)).toBe(true);
    expect(m.stopped).toBe(false);
  });

  it('an accident before the report is not 从重; one during rectification is', () => {
    const m = model();
    m.apply({ kind: 'grade', actor: county, grade: 'general' }, T0);
    m.apply({ kind: 'linkAccident', actor: county, occurredAt: T0 - DAY }, T0 + 1000);
    expect(m.heavier).toBe(false);
    m.apply({ kind: 'linkAccident', actor: county, occurredAt: T0 + 500 }, T0 + 1000);
    expect(m.heavier).toBe(true);
  });
});
