import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { LiveCalendar } from '@hazards/calendar/live-calendar';
import type { CalendarCopy } from '@hazards/domain/calendar/calendar-copy';
import { AppConfig } from '@hazards/config';
import { DuplicateCandidateRepository, type DuplicateCandidate } from '@hazards/persistence/duplicates/duplicate-candidates.repository';
import { EvidenceRepository } from '@hazards/persistence/evidence/evidence.repository';
import { HazardStepRecorder } from '@hazards/persistence/hazards/hazard-step.recorder';
import { ReferenceRepository } from '@hazards/persistence/reference/reference.repository';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { executeUpdate } from '@hazards/temporal/execute-update';
import { TemporalClientService } from '@hazards/temporal/temporal-client.module';
import type { UpdateResult } from '../../../../workflows/src/hazard-lifecycle.types';
import { toActor, type AuthUser } from '@hazards/access/auth-user';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import type { ReportHazardDto } from './dto/report-hazard.dto';
import { mayReportFor } from '@hazards/access/hazard-access';
import { insertReportedRow, startLifecycle, type NewHazard } from '@hazards/hazards/hazard-registration';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { ArchiveSettings } from '../archive/archive-settings.provider';
import { idempotentHazardId, idempotentUpdateId } from '../common/idempotent-request';
import { actionRefusal } from './action-refusal';
import { PolicyProvider } from './policy.provider';

/** How long a report waits for Temporal before a 503 (an action waits TEMPORAL_UPDATE_DEADLINE_MS: a worker must run it). */
const START_DEADLINE_MS = 5_000;

/** Turns users' requests into workflow starts and updates. */
@Injectable()
export class HazardCommandsService {
  private readonly log = new Logger(HazardCommandsService.name);
  private readonly steps: HazardStepRecorder;

  constructor(
    private readonly ds: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly policy: PolicyProvider,
    private readonly queries: HazardQueryService,
    private readonly reference: ReferenceRepository,
    private readonly evidence: EvidenceRepository,
    private readonly config: AppConfig,
    private readonly calendar: LiveCalendar,
    archive: ArchiveSettings,
  ) {
    this.steps = new HazardStepRecorder(ds, archive.key);
  }

  /**
   * 上报: the read-model row and the workflow start happen together. The row is inserted in a
   * transaction that commits only after the start succeeded, so a failed start leaves nothing;
   * the workflow's first step then overwrites the row with its own snapshot.
   */
  async report(
    user: AuthUser,
    dto: ReportHazardDto,
  ): Promise<{ hazardId: string; status: string; duplicateCandidates: DuplicateCandidate[] }> {
    const [ent] = await this.reference.enterprise(dto.enterpriseId);
    if (!ent || !mayReportFor(user, { id: ent.id, gridPath: ent.jurisdictionPath })) {
      throw new ApiException(
        422,
        'unknown_enterprise',
        `企业 ${dto.enterpriseId} 不存在或不在您的辖区内。`,
        `Enterprise ${dto.enterpriseId} does not exist or is outside your reach.`,
        'enterpriseId',
      );
    }
    const hazard: NewHazard = {
      // Under an Idempotency-Key the id comes from the key: a retry that took over the claim finds the same hazard.
      hazardId: idempotentHazardId(randomUUID),
      enterpriseId: dto.enterpriseId,
      gridPath: ent.jurisdictionPath,
      source: dto.source,
      description: dto.description,
      location: dto.location,
      photos: dto.photos,
      reportedBy: toActor(user),
      reportedAt: new Date().toISOString(),
      policy: this.policy.current,
    };
    // The grading window is counted on this copy in the lifecycle's first workflow task (no calendar activity).
    const calendar = await this.calendarCopy();
    await this.ds.transaction(async (m) => {
      await insertReportedRow(m, hazard, { ifAbsent: true });
      // A bounded call: with Temporal away the caller gets a 503 in seconds, and the row is rolled back.
      await this.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        startLifecycle(this.temporal.client, this.temporal.taskQueue, hazard, calendar),
      );
    });
    return { hazardId: hazard.hazardId, status: 'reported', duplicateCandidates: await this.duplicateCandidates(hazard) };
  }

  /**
   * 重复隐患: earlier reports of the same enterprise this one may repeat, for the reporter now (the
   * grader's view looks again). The report is registered already: a failed lookup must not turn
   * it into an error, so it answers with none and logs why.
   */
  private async duplicateCandidates(h: NewHazard): Promise<DuplicateCandidate[]> {
    try {
      return await new DuplicateCandidateRepository(this.ds).find(
        {
          enterpriseId: h.enterpriseId,
          description: h.description,
          location: h.location ?? null,
          reportedAt: h.reportedAt,
          excludeHazardId: h.hazardId,
        },
        this.policy.duplicatesFor(this.policy.current.version),
      );
    } catch (err) {
      this.log.warn(`重复隐患查询失败 / duplicate lookup failed for ${h.hazardId}: ${(err as Error).message}`);
      return [];
    }
  }

  /** Runs one lifecycle action as the workflow's update; the validator's refusal becomes 403/409/422. */
  async act<A extends { actor: unknown }>(
    user: AuthUser,
    hazardId: string,
    update: UpdateDefinition<UpdateResult, [A]>,
    args: Omit<A, 'actor'>,
    opts: { evidence?: { field: string; ids: string[] }[] } = {},
  ): Promise<UpdateResult> {
    if (!(await this.queries.isVisible(user, hazardId))) throw notFound();
    for (const e of opts.evidence ?? []) await this.checkEvidence(hazardId, e.field, e.ids);
    const handle = this.temporal.client.workflow.getHandle(hazardWorkflowId(hazardId));
    const deadlineMs = this.config.get('TEMPORAL_UPDATE_DEADLINE_MS');
    // The deadlines the action sets are counted on this copy inside its workflow task (no calendar activity).
    const calendar = await this.calendarCopy();
    let answer: UpdateResult;
    try {
      answer = await this.temporal.connection.withDeadline(Date.now() + deadlineMs, () =>
        // One update id per Idempotency-Key: Temporal answers a repeat with the first outcome instead of running it again.
        // An action that arrives as the hazard's timer fires may be refused with its workflow task: sent again (executeUpdate).
        executeUpdate(handle, update, {
          updateId: idempotentUpdateId(),
          args: [{ ...args, actor: toActor(user), calendar } as unknown as A],
        }),
      );
    } catch (err) {
      throw actionRefusal(err, deadlineMs) ?? err;
    }
    // The workflow answered in the task that accepted the action; its steps are written here before the user hears
    // of them, so a read after the answer sees them. A retry under the same key gets the same steps and writes none twice.
    const { steps, ...result } = answer;
    const { left } = await this.steps.recordAll(steps);
    // An earlier step (the report's, an alarm's) not yet committed: the hazard row shows the action, its history rows follow.
    if (left > 0)
      this.log.log(
        `隐患 ${hazardId}：前一步尚未记录，${left} 个步骤的历史由活动随后写入 / ${left} answered step(s) left to the activity (an earlier step is not written yet); the hazard row shows the action`,
      );
    return result;
  }

  /**
   * The live calendar's copy for a report or an action, or none when it cannot be read: the workflow then
   * counts with its activity, so a calendar hiccup slows the action instead of failing it.
   */
  private async calendarCopy(): Promise<CalendarCopy | undefined> {
    if (!this.config.get('ACTION_CALENDAR_COPY')) return undefined;
    try {
      return await this.calendar.copy();
    } catch (err) {
      this.log.warn(`工作日历副本不可用 / calendar copy unavailable, the workflow counts by activity: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Evidence named by an action must have been uploaded to this hazard: another hazard's file, or none, is refused (422). */
  private async checkEvidence(hazardId: string, field: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const known = await this.evidence.idsOnHazard(hazardId, ids);
    const missing = ids.find((id) => !known.has(id));
    if (missing) {
      throw new ApiException(
        422,
        'unknown_evidence',
        `证据文件 ${missing} 不存在或不属于该隐患，请先上传。`,
        `Evidence file ${missing} does not exist or was not uploaded to this hazard; upload it first.`,
        field,
      );
    }
  }
}
