import { shanghaiToday } from '@hazards/domain/statistics/filing-periods';
import { remindMissingFilings } from '@hazards/persistence/filings/missing-filings';
import type { CliCommand } from '../cli-command';
import { openDatabase, parseArgs } from './cli-context';

/** `filings remind [--as-of YYYY-MM-DD]`: one filing.missing outbox event per enterprise and overdue period (idempotent). */
export const filingsRemindCommand: CliCommand = {
  name: 'filings remind',
  summary: '统计报送提醒 / emit reminders for missing enterprise statistics filings',
  usage: 'filings remind [--as-of YYYY-MM-DD]',
  async run(args) {
    const { options } = parseArgs(args);
    const ds = await openDatabase();
    try {
      const r = await remindMissingFilings(ds, options['as-of'] ?? shanghaiToday());
      console.log(`未报送 ${r.missing} 项，新发提醒 ${r.reminded} 条 / ${r.missing} missing, ${r.reminded} new reminders`);
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
