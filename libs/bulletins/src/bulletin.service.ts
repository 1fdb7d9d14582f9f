import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { toActor, type AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import { campaignFigures, campaignsOverlapping } from '@hazards/persistence/campaigns/campaign.repository';
import { defaultPrefix, documentNumber } from '@hazards/domain/accountability/document-number';
import { accountabilityList } from '@hazards/persistence/accountability/accountability-list.repository';
import { insertBulletinIssue, nextSequence } from '@hazards/persistence/accountability/bulletin-issues.repository';
import {
  claimPendingCriticisms,
  markCriticismsCarried,
  pendingCriticisms,
  type CriticismRow,
} from '@hazards/persistence/accountability/public-criticisms.repository';
import { shanghaiDate, shanghaiDateBefore, shanghaiYear } from '@hazards/domain/time/shanghai-time';
import { StatisticsService } from '@hazards/statistics/statistics.service';
import { accountabilitySection, LIST_LIMIT, periodOf } from './accountability-list';
import { criticismSection } from './criticism-section';
import { buildBulletin, campaignRefs, type BulletinCampaigns } from './bulletin-builder';
import { renderBulletinDocx } from './bulletin-docx.renderer';
import { renderBulletinMarkdown } from './bulletin-markdown.renderer';
import type { BulletinModel } from './bulletin.model';
import type { BulletinQuery } from './bulletin.query';

/** 通报: the statistics of a jurisdiction and period, written up as the seed bulletin does. */
@Injectable()
export class BulletinService {
  constructor(
    private readonly ds: DataSource,
    private readonly stats: StatisticsService,
  ) {}

  /** The bulletin as it would be issued now: the pending criticisms of the jurisdiction are shown, not carried. */
  async model(user: AuthUser, q: BulletinQuery, now = new Date()): Promise<BulletinModel> {
    const { model, scopePath } = await this.statisticsModel(user, q, now);
    return withCriticisms(model, await pendingCriticisms(this.ds, scopePath));
  }

  /**
   * 印发通报: numbers the bulletin per jurisdiction and year, carries the jurisdiction's pending
   * criticisms (each by exactly one bulletin, recorded), stores it with its .docx SHA-256.
   */
  async issue(user: AuthUser, q: BulletinQuery, now = new Date()) {
    const { model: base, scopePath, jurisdiction } = await this.statisticsModel(user, q, now);
    return this.ds.transaction(async (m: EntityManager) => {
      const carried = await claimPendingCriticisms(m, scopePath);
      const model = withCriticisms(base, carried);
      const year = shanghaiYear(now.toISOString());
      const [node] = (await m.query(`select i.prefix from document_issuers i where i.jurisdiction_id = $1`, [jurisdiction.id])) as {
        prefix: string;
      }[];
      const seq = await nextSequence(m, `${jurisdiction.id}:通`, year);
      const number = documentNumber(node?.prefix ?? defaultPrefix(jurisdiction.name), '通', year, seq);
      const bytes = await renderBulletinDocx(model);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const id = randomUUID();
      await insertBulletinIssue(m, {
        id,
        number,
        jurisdictionId: jurisdiction.id,
        jurisdictionPath: scopePath,
        periodFrom: q.reportedFrom ?? null,
        periodTo: q.reportedTo ?? null,
        title: model.title,
        issuedAt: now.toISOString(),
        issuedBy: toActor(user),
        sha256,
        model,
      });
      await markCriticismsCarried(
        m,
        carried.map((c) => c.id),
        id,
        now.toISOString(),
      );
      return {
        id,
        number,
        sha256,
        issuedAt: now.toISOString(),
        criticisms: carried.map((c) => ({ id: c.id, hazardId: c.hazardId, subjects: c.subjects })),
        model,
      };
    });
  }

  private async statisticsModel(
    user: AuthUser,
    q: BulletinQuery,
    now: Date,
  ): Promise<{ model: BulletinModel; scopePath: string; jurisdiction: { id: string; name: string } }> {
    const { format: _format, campaignId, ...filters } = q;
    const s = await this.stats.compute(user, filters);
    const scope: { path: string }[] = await this.ds.query('select path from jurisdictions where id = $1', [s.jurisdiction.id]);
    let chosen: { id: string; name: string }[];
    if (campaignId) {
      chosen = await this.ds.query(
        `select c.id, c.name from inspection_campaigns c join jurisdictions j on j.id = c.jurisdiction_id where c.id = $1 and j.path like $2 || '%'`,
        [campaignId, scope[0].path],
      );
      // A filter naming an unknown campaign is refused like one naming an unknown jurisdiction (422), not as a missing route object.
      if (!chosen[0])
        throw new ApiException(
          422,
          'unknown_campaign',
          `检查活动 ${campaignId} 不存在或不在该辖区内。`,
          `No campaign ${campaignId} within this jurisdiction.`,
          'campaignId',
        );
    } else {
      // A period end is exclusive: the campaign must start before it.
      const to = q.reportedTo ? shanghaiDateBefore(q.reportedTo) : null;
      chosen = await campaignsOverlapping(this.ds, scope[0].path, q.reportedFrom ? shanghaiDate(q.reportedFrom) : null, to);
    }
    const campaigns: BulletinCampaigns = chosen.length
      ? {
          names: chosen.map((c) => c.name),
          figures: await campaignFigures(
            this.ds,
            chosen.map((c) => c.id),
            scope[0].path,
          ),
          refs: campaignRefs(),
        }
      : { names: [], figures: null, refs: null };
    const model = buildBulletin(s, campaigns, shanghaiDate(now));
    // 责任追究: the measures taken in the bulletin's period (issue 18), before the criticisms it carries.
    const accountability = accountabilitySection(
      await accountabilityList(this.ds, {
        jurisdictionPath: scope[0].path,
        ...periodOf({ from: q.reportedFrom, to: q.reportedTo }, now),
        limit: LIST_LIMIT,
      }),
    );
    if (accountability) model.sections.push(accountability);
    return { model, scopePath: scope[0].path, jurisdiction: { id: s.jurisdiction.id, name: s.jurisdiction.name } };
  }

  async render(
    user: AuthUser,
    q: BulletinQuery,
  ): Promise<{ contentType: string; fileName: string; body: Buffer | string | BulletinModel }> {
    const model = await this.model(user, q);
    const base = `${model.title}-${model.dateLine}`;
    switch (q.format ?? 'docx') {
      case 'json':
        return { contentType: 'application/json', fileName: `${base}.json`, body: model };
      case 'markdown':
        return { contentType: 'text/markdown; charset=utf-8', fileName: `${base}.md`, body: renderBulletinMarkdown(model) };
      default:
        return {
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          fileName: `${base}.docx`,
          body: await renderBulletinDocx(model),
        };
    }
  }
}

/** The criticisms' section goes after the statistics, before any closing the builder wrote last. */
function withCriticisms(model: BulletinModel, rows: CriticismRow[]): BulletinModel {
  const section = criticismSection(rows);
  return section ? { ...model, sections: [...model.sections, section] } : model;
}
