import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LiveCalendar } from '@hazards/calendar/live-calendar';
import { explainStep } from '@hazards/domain/explanations/explain-step';
import type { Explanation } from '@hazards/domain/explanations/explanation.types';
import { namedCalendar } from '@hazards/domain/explanations/named-calendar';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { HazardHistoryReader } from '@hazards/persistence/explanations/hazard-history.reader';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { PolicyProvider } from '../hazards/policy.provider';

/**
 * 为什么？ The explanation of one escalation, reminder or deadline-setting step, recounted from the
 * policy version the hazard runs under, the live calendar (holiday names from the loaded notices)
 * and the hazard's history. Visible to whoever may see the hazard.
 */
@Injectable()
export class ExplanationsService {
  private readonly history: HazardHistoryReader;

  constructor(
    ds: DataSource,
    private readonly hazards: HazardQueryService,
    private readonly calendar: LiveCalendar,
    private readonly policy: PolicyProvider,
  ) {
    this.history = new HazardHistoryReader(ds);
  }

  async explain(user: AuthUser, hazardId: string, seq: number): Promise<Explanation> {
    if (!(await this.hazards.isVisible(user, hazardId))) throw notFound();
    const steps = await this.history.steps(hazardId);
    const step = steps.find((s) => s.seq === seq);
    if (!step) throw notExplainable(seq);
    const policy = this.policyOf(step.policyVersion);
    const { notices } = await this.calendar.get();
    const explanation = explainStep(steps, seq, policy, namedCalendar(notices));
    if (!explanation) throw notExplainable(seq);
    return explanation;
  }

  /** The policy a hazard runs under, by the version its history recorded. */
  private policyOf(version: string): Policy {
    const known = this.policy.byVersion(version);
    if (!known) {
      throw new ApiException(
        409,
        'policy_unavailable',
        `策略 ${version} 不在本服务中，无法解释。`,
        `Policy ${version} is not loaded in this service, so the step cannot be explained.`,
        'seq',
      );
    }
    return known;
  }
}

const notExplainable = (seq: number) =>
  new ApiException(
    404,
    'not_explainable',
    `第 ${seq} 步不是升级、提醒或设定期限的步骤，没有可解释的计算。`,
    `Step ${seq} is not an escalation, reminder or deadline-setting step: there is no computation to explain.`,
    'seq',
  );
