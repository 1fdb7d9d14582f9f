import type { DomainEvent } from '@hazards/events/domain-event';
import type { Recipient } from '../recipients/recipient.types';
import type { HazardContext } from './hazard-context.loader';
import { composeDigest, composeEventMessage } from './message-composer';

const hazard: HazardContext = {
  id: 'h-1',
  description: '2号储罐区可燃气体报警器失效',
  status: 'listed',
  enterpriseId: 'ent-1',
  enterpriseName: '甲化工有限公司',
  principalName: '张甲',
  jurisdictionPath: '/nantong/tongzhou/',
  pathIds: ['nantong', 'tongzhou'],
  listingLevel: 'county',
  rectificationDeadline: new Date('2027-04-15T02:00:00Z'),
  currentDeadline: null,
  heavierAccountability: false,
  leadDepartment: null,
  authority: null,
  detail: {},
};
const supervisor: Recipient = {
  key: 'user:u-1',
  kind: 'user',
  id: 'u-1',
  name: '通州区应急局 张',
  email: null,
  phone: null,
  userId: 'u-1',
  jurisdictionId: 'tongzhou',
  preferenceScope: { scope: 'user', id: 'u-1' },
  reasons: ['supervisor'],
  level: 'county',
};

describe('what a calendar change puts in messages', () => {
  it('a reminder about a deadline in a year without its notice says it is provisional, in both languages', () => {
    const entry = { hazard, deadlineKind: 'rectification', dueAt: '2027-04-14T02:00:00Z', daysBefore: 10 };
    const provisional = composeDigest(supervisor, [{ ...entry, provisional: true }], '2027-03-30', 'https://hazards.example');
    expect(provisional.body).toContain('整改期限：2027年4月14日 10:00（北京时间）（暂定，待国务院放假安排公布后调整）');
    expect(provisional.body).toContain('(provisional until the State Council holiday notice is published)');
    expect(composeDigest(supervisor, [entry], '2027-03-30', 'https://hazards.example').body).not.toContain('暂定');
  });

  it('the re-planning notice lists every instant that moved, old and new, with the reason', () => {
    const event: DomainEvent = {
      eventId: 'h-1:9:0',
      type: 'hazard.deadlines_recomputed',
      hazardId: 'h-1',
      occurredAt: '2026-11-30T02:00:00Z',
      policyVersion: 'default-v1',
      payload: {
        reason: '2027年国务院放假安排已公布 / the 2027 notice was loaded',
        calendarVersion: 4,
        moved: [
          { kind: 'rectification', from: '2027-04-14T02:00:00Z', to: '2027-04-15T02:00:00Z' },
          { kind: 'ladder', stage: 2, action: 'relist_up', from: '2027-04-21T02:00:00Z', to: '2027-04-22T02:00:00Z' },
        ],
      },
    };
    const m = composeEventMessage(event, hazard, supervisor, 'https://hazards.example');
    expect(m.title).toContain('【期限调整】');
    expect(m.body).toContain('因工作日历变更（2027年国务院放假安排已公布）');
    expect(m.body).toContain('1. 整改期限：2027年4月14日 10:00（北京时间） → 2027年4月15日 10:00（北京时间）');
    expect(m.body).toContain('2. 逾期第2级升级（升级挂牌督办）');
    expect(m.body).toContain('The working-day calendar changed (the 2027 notice was loaded)');
  });
});
