import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DuplicateCandidateRepository,
  RecordedCandidateRepository,
  type CandidateRecord,
  type DuplicateCandidate,
  type DuplicateRules,
} from '@hazards/persistence/duplicates/duplicate-candidates.repository';
import { HazardMergeRepository, type MergedDuplicate, type MergeSide } from '@hazards/persistence/duplicates/hazard-merge.repository';
import { recordDiscoveryUpdate, withdrawUpdate } from '../../../../workflows/src/hazard-lifecycle.definitions';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import { visibleHazards } from '@hazards/persistence/read-model/read-model.sql';
import { HazardCommandsService } from '../hazards/hazard-commands.service';
import { PolicyProvider } from '../hazards/policy.provider';

const DAY_MS = 24 * 3600 * 1000;

export interface CandidateList {
  hazardId: string;
  rules: DuplicateRules;
  /** The lookup's candidates now, and those recorded when the hazard was imported (whichever way it ended). */
  candidates: (DuplicateCandidate & { recorded: CandidateRecord | null })[];
  /** Reports already merged into this hazard: each one more discovery of it. */
  merged: MergedDuplicate[];
}

export interface MergeResult {
  duplicate: { hazardId: string; status: 'withdrawn'; duplicateOf: string; seq: number };
  original: { hazardId: string; sources: string[]; seq: number | null };
}

const refuse = (status: number, code: string, zh: string, en: string, field = 'originalId') =>
  new ApiException(status, code, zh, en, field);

/**
 * 重复隐患: the grader's candidate list (pg_trgm similarity over the read model, policy
 * `duplicates`) and the merge. A merge goes through both workflows: the duplicate is withdrawn
 * with kind duplicate and linked to the original (its validator decides who may), then the
 * original records the duplicate's discovery. Everything a merge can be refused for is checked
 * before either, so a refused merge changes nothing.
 */
@Injectable()
export class DuplicatesService {
  private readonly candidates: DuplicateCandidateRepository;
  private readonly recorded: RecordedCandidateRepository;
  private readonly merges: HazardMergeRepository;

  constructor(
    ds: DataSource,
    private readonly policy: PolicyProvider,
    private readonly commands: HazardCommandsService,
  ) {
    this.candidates = new DuplicateCandidateRepository(ds);
    this.recorded = new RecordedCandidateRepository(ds);
    this.merges = new HazardMergeRepository(ds);
  }

  async list(user: AuthUser, hazardId: string): Promise<CandidateList> {
    const h = await this.visible(user, hazardId);
    if (!h) throw notFound();
    const rules = this.policy.duplicatesFor(h.policyVersion);
    const found =
      h.status === 'withdrawn'
        ? []
        : await this.candidates.find(
            {
              enterpriseId: h.enterpriseId,
              description: h.description,
              location: h.location,
              reportedAt: h.reportedAt,
              excludeHazardId: h.id,
            },
            rules,
          );
    const recorded = h.status === 'withdrawn' ? [] : await this.recorded.recordedFor(hazardId);
    const recordOf = new Map(recorded.map((r) => [r.hazardId, r.recorded]));
    const foundIds = new Set(found.map((c) => c.hazardId));
    const candidates = [
      ...found.map((c) => ({ ...c, recorded: recordOf.get(c.hazardId) ?? null })),
      ...recorded.filter((r) => !foundIds.has(r.hazardId)),
    ].sort((a, b) => b.descriptionSimilarity - a.descriptionSimilarity);
    return { hazardId, rules, candidates, merged: await this.merges.mergedInto(hazardId) };
  }

  async merge(user: AuthUser, duplicateId: string, originalId: string, reason?: string): Promise<MergeResult> {
    const dup = await this.visible(user, duplicateId);
    if (!dup) throw notFound();
    if (originalId === duplicateId) throw refuse(422, 'merge_into_itself', '不能与自身合并。', 'A hazard cannot be merged into itself.');
    const orig = await this.visible(user, originalId);
    if (!orig)
      throw refuse(
        422,
        'unknown_original',
        `原隐患 ${originalId} 不存在或无权查看。`,
        `Hazard ${originalId} does not exist or is not visible to you.`,
      );
    // A merge cut between its two updates (its API instance died after the withdrawal) left the
    // duplicate withdrawn and linked here: its retry does the half left undone. Were nothing left,
    // the original's validator answers that the duplicate is merged already (409).
    const cut = dup.status === 'withdrawn' ? (await this.merges.mergedInto(originalId)).find((m) => m.hazardId === duplicateId) : undefined;
    if (cut) return this.recordOnOriginal(user, dup, orig, cut.seq);
    this.checkMerge(dup, orig);
    const merged = await this.commands.act(user, duplicateId, withdrawUpdate, {
      kind: 'duplicate',
      duplicateOf: originalId,
      reason: reason ?? `与隐患 ${originalId} 重复，已合并 / duplicate of ${originalId}, merged`,
    });
    return this.recordOnOriginal(user, dup, orig, merged.seq);
  }

  /** The merge's second half: the original records the discovery (a closed original's lifecycle has ended: the link on the duplicate is its record). */
  private async recordOnOriginal(user: AuthUser, dup: MergeSide, orig: MergeSide, duplicateSeq: number): Promise<MergeResult> {
    let seq: number | null = null;
    if (orig.status !== 'closed') {
      seq = (
        await this.commands.act(user, orig.id, recordDiscoveryUpdate, {
          duplicateHazardId: dup.id,
          source: dup.source,
          reportedAt: dup.reportedAt.toISOString(),
        })
      ).seq;
    }
    const sources = [orig.source, ...(await this.merges.mergedInto(orig.id)).map((m) => m.source)];
    return {
      duplicate: { hazardId: dup.id, status: 'withdrawn', duplicateOf: orig.id, seq: duplicateSeq },
      original: { hazardId: orig.id, sources, seq },
    };
  }

  /** The merge rules: same enterprise, the duplicate open, the original open or recently closed, within the window. */
  private checkMerge(dup: MergeSide, orig: MergeSide): void {
    const rules = this.policy.duplicatesFor(orig.policyVersion);
    if (dup.enterpriseId !== orig.enterpriseId) {
      throw refuse(
        422,
        'different_enterprise',
        '两条隐患不属于同一企业，不能合并。',
        'The two hazards belong to different enterprises and cannot be merged.',
      );
    }
    if (dup.status === 'closed' || dup.status === 'withdrawn') {
      throw refuse(
        409,
        'duplicate_not_open',
        '该隐患已销号或已撤销，不能作为重复隐患合并。',
        'This hazard is closed or withdrawn and cannot be merged as a duplicate.',
        'id',
      );
    }
    if (orig.status === 'withdrawn')
      throw refuse(
        422,
        'original_withdrawn',
        '原隐患已撤销，不能合并到它。',
        'The original hazard is withdrawn; nothing can be merged into it.',
      );
    if (
      orig.status === 'closed' &&
      (!orig.closedAt || orig.closedAt.getTime() < dup.reportedAt.getTime() - rules.recentlyClosedDays * DAY_MS)
    ) {
      throw refuse(
        422,
        'original_closed_too_long',
        `原隐患销号已超过 ${rules.recentlyClosedDays} 天，不能合并。`,
        `The original was closed more than ${rules.recentlyClosedDays} days before this report; it cannot be merged.`,
      );
    }
    if (Math.abs(orig.reportedAt.getTime() - dup.reportedAt.getTime()) > rules.windowDays * DAY_MS) {
      throw refuse(
        422,
        'outside_window',
        `两次上报相隔超过 ${rules.windowDays} 天，不能合并。`,
        `The two reports are more than ${rules.windowDays} days apart; they cannot be merged.`,
      );
    }
  }

  private visible(user: AuthUser, id: string): Promise<MergeSide | null> {
    const params: unknown[] = [id];
    const where = visibleHazards(user, params);
    return this.merges.side({ where, params });
  }
}
