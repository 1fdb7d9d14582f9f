import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../access/src/auth-user';
import { campaignFigures, campaignsOverlapping } from '../../campaigns/src/campaign.service';
import { ApiException } from '../../api-contract/src/api-error';
import { StatisticsService } from '../../statistics/src/statistics.service';
import { buildBulletin, campaignRefs, type BulletinCampaigns } from './bulletin-builder';
import { renderBulletinDocx } from './bulletin-docx.renderer';
import { renderBulletinMarkdown } from './bulletin-markdown.renderer';
import type { BulletinModel } from './bulletin.model';
import type { BulletinQuery } from './bulletin.query';

const shanghaiDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** 通报: the statistics of a jurisdiction and period, written up as the seed bulletin does. */
@Injectable()
export class BulletinService {
  constructor(private readonly ds: DataSource, private readonly stats: StatisticsService) {}

  async model(user: AuthUser, q: BulletinQuery, now = new Date()): Promise<BulletinModel> {
    const { format: _format, campaignId, ...filters } = q;
    const s = await this.stats.compute(user, filters);
    const scope: { path: string }[] = await this.ds.query('select path from jurisdictions where id = $1', [s.jurisdiction.id]);
    let chosen: { id: string; name: string }[];
    if (campaignId) {
      chosen = await this.ds.query(
        `select c.id, c.name from inspection_campaigns c join jurisdictions j on j.id = c.jurisdiction_id where c.id = $1 and j.path like $2 || '%'`,
        [campaignId, scope[0].path]);
      // A filter naming an unknown campaign is refused like one naming an unknown jurisdiction (422), not as a missing route object.
      if (!chosen[0]) throw new ApiException(422, 'unknown_campaign', `检查活动 ${campaignId} 不存在或不在该辖区内。`, `No campaign ${campaignId} within this jurisdiction.`, 'campaignId');
    } else {
      // A period end is exclusive: the campaign must start before it.
      const to = q.reportedTo ? shanghaiDate(new Date(Date.parse(q.reportedTo) - 1).toISOString()) : null;
      chosen = await campaignsOverlapping(this.ds, scope[0].path, q.reportedFrom ? shanghaiDate(q.reportedFrom) : null, to);
    }
    const campaigns: BulletinCampaigns = chosen.length
      ? { names: chosen.map((c) => c.name), figures: await campaignFigures(this.ds, chosen.map((c) => c.id), scope[0].path), refs: campaignRefs() }
      : { names: [], figures: null, refs: null };
    return buildBulletin(s, campaigns, shanghaiDate(now.toISOString()));
  }

  async render(user: AuthUser, q: BulletinQuery): Promise<{ contentType: string; fileName: string; body: Buffer | string | BulletinModel }> {
    const model = await this.model(user, q);
    const base = `${model.title}-${model.dateLine}`;
    switch (q.format ?? 'docx') {
      case 'json':
        return { contentType: 'application/json', fileName: `${base}.json`, body: model };
      case 'markdown':
        return { contentType: 'text/markdown; charset=utf-8', fileName: `${base}.md`, body: renderBulletinMarkdown(model) };
      default:
        return { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: `${base}.docx`, body: await renderBulletinDocx(model) };
    }
  }
}
