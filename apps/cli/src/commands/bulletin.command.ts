import { writeFileSync } from 'node:fs';
import { BulletinService } from '../../../../libs/bulletins/src/bulletin.service';
import { renderBulletinDocx } from '../../../../libs/bulletins/src/bulletin-docx.renderer';
import { renderBulletinMarkdown } from '../../../../libs/bulletins/src/bulletin-markdown.renderer';
import { HazardQueryService } from '../../../../libs/hazards/src/hazard-query.service';
import { StatisticsService } from '../../../../libs/statistics/src/statistics.service';
import type { CliCommand } from '../cli-command';
import { cliUser, openDatabase, parseArgs } from './cli-context';

/** `bulletin --jurisdiction ID [--from ISO] [--to ISO] [--campaign ID] [--out NAME]`: writes NAME.docx and NAME.md. */
export const bulletinCommand: CliCommand = {
  name: 'bulletin',
  summary: '生成通报 / write the bulletin (通报) as .docx and .md',
  usage: 'bulletin --jurisdiction ID [--from 2026-01-01T00:00:00+08:00] [--to …] [--campaign ID] [--out NAME]',
  async run(args) {
    const { options } = parseArgs(args);
    if (!options.jurisdiction) {
      console.error(`用法 / usage: ${this.usage}`);
      return 2;
    }
    const ds = await openDatabase();
    try {
      const user = await cliUser(ds, options.user);
      const service = new BulletinService(ds, new StatisticsService(ds, new HazardQueryService(ds)));
      const model = await service.model(user, {
        jurisdictionId: options.jurisdiction, reportedFrom: options.from, reportedTo: options.to, campaignId: options.campaign,
        ...(options.year ? { year: Number(options.year) } : {}),
      });
      const out = options.out ?? `通报-${options.jurisdiction}`;
      writeFileSync(`${out}.docx`, await renderBulletinDocx(model));
      writeFileSync(`${out}.md`, renderBulletinMarkdown(model));
      console.log(`${model.title}：${out}.docx, ${out}.md`);
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
