import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import type { Alarm } from '../../hazard-lifecycle.types';
import { trace } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';

/** 责任倒查 after long overdue (policy: M working days past the deadline). */
export async function onTracingOverdue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'tracing_overdue' }>): Promise<void> {
  const s = ctx.s;
  const status = s.status;
  const ev = trace(s, 'overdue', iso(ctx.now()));
  await ctx.record(
    'accountability.traced',
    SYSTEM_ACTOR,
    status,
    { trigger: 'overdue', afterOverdueWorkingDays: a.afterOverdueWorkingDays, ...explanationInputs(ctx, { alarmAt: a.at }) },
    [ev],
    '长期逾期，责任倒查 / long overdue: responsibility traced',
  );
}
