import { Option, SubCommand } from 'nest-commander';
import { shanghaiToday } from '@hazards/domain/statistics/filing-periods';
import { remindMissingFilings } from '@hazards/persistence/filings/missing-filings';
import { CliCommand, cliCommandGroup } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';

/** `filings remind [--as-of YYYY-MM-DD]`: one filing.missing outbox event per enterprise and overdue period (idempotent). */
@SubCommand({ name: 'remind', description: '统计报送提醒 / emit reminders for missing enterprise statistics filings' })
export class FilingsRemindCommand extends CliCommand {
  readonly usage = 'filings remind [--as-of YYYY-MM-DD]';

  constructor(private readonly db: CliDatabase) {
    super();
  }

  @Option({ flags: '--as-of <date>', name: 'asOf', description: 'YYYY-MM-DD (default: today in Asia/Shanghai)' })
  asOf(v: string) {
    return v;
  }

  async execute(_params: string[], options: { asOf?: string }) {
    const r = await remindMissingFilings(await this.db.open(), options.asOf ?? shanghaiToday());
    console.log(`未报送 ${r.missing} 项，新发提醒 ${r.reminded} 条 / ${r.missing} missing, ${r.reminded} new reminders`);
    return 0;
  }
}

/** `filings remind`: enterprise statistics filings (统计报送). */
export const FilingsCommands = cliCommandGroup(
  'filings',
  '统计报送 / enterprise statistics filings',
  [FilingsRemindCommand],
  'filings remind',
);
