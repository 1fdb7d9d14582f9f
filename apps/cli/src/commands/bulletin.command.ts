import { writeFileSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import { BulletinService } from '@hazards/bulletins/bulletin.service';
import { renderBulletinDocx } from '@hazards/bulletins/bulletin-docx.renderer';
import { renderBulletinMarkdown } from '@hazards/bulletins/bulletin-markdown.renderer';
import { CliCommand } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';
import { CliUsers } from '../runtime/cli-users';

type BulletinOptions = { jurisdiction?: string; from?: string; to?: string; campaign?: string; year?: string; out?: string; user?: string };

/** `bulletin --jurisdiction ID [--from ISO] [--to ISO] [--campaign ID] [--out NAME]`: writes NAME.docx and NAME.md. */
@Command({ name: 'bulletin', description: '生成通报 / write the bulletin (通报) as .docx and .md' })
export class BulletinCommand extends CliCommand {
  readonly usage =
    'bulletin --jurisdiction ID [--from 2026-01-01T00:00:00+08:00] [--to …] [--campaign ID] [--year YYYY] [--out NAME] [--user USERNAME]';

  constructor(
    private readonly db: CliDatabase,
    private readonly users: CliUsers,
    private readonly bulletins: BulletinService,
  ) {
    super();
  }

  @Option({ flags: '--jurisdiction <id>', description: '辖区 / jurisdiction id' })
  jurisdiction(v: string) {
    return v;
  }

  @Option({ flags: '--from <iso>', description: '上报起 / reported from' })
  from(v: string) {
    return v;
  }

  @Option({ flags: '--to <iso>', description: '上报止 / reported to' })
  to(v: string) {
    return v;
  }

  @Option({ flags: '--campaign <id>', description: '专项行动 / campaign id' })
  campaign(v: string) {
    return v;
  }

  @Option({ flags: '--year <yyyy>', description: '年度 / year' })
  year(v: string) {
    return v;
  }

  @Option({ flags: '--out <name>', description: '输出文件名（不含扩展名）/ output name without extension' })
  out(v: string) {
    return v;
  }

  @Option({ flags: '--user <username>', description: '以该用户的视角 / as this user sees it' })
  user(v: string) {
    return v;
  }

  async execute(_params: string[], options: BulletinOptions) {
    if (!options.jurisdiction) return this.usageError();
    await this.db.open();
    const user = await this.users.resolve(options.user);
    const model = await this.bulletins.model(user, {
      jurisdictionId: options.jurisdiction,
      reportedFrom: options.from,
      reportedTo: options.to,
      campaignId: options.campaign,
      ...(options.year ? { year: Number(options.year) } : {}),
    });
    const out = options.out ?? `通报-${options.jurisdiction}`;
    writeFileSync(`${out}.docx`, await renderBulletinDocx(model));
    writeFileSync(`${out}.md`, renderBulletinMarkdown(model));
    console.log(`${model.title}：${out}.docx, ${out}.md`);
    return 0;
  }
}
