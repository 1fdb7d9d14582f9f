import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ListHazardsQuery } from '../../../../libs/hazards/src/dto/list-hazards.query';
import { HazardQueryService } from '../../../../libs/hazards/src/hazard-query.service';
import { exportHazards } from '../../../../libs/imports/src/hazard-export';
import type { CliCommand } from '../cli-command';
import { cliUser, openDatabase, parseArgs } from './cli-context';

/** `export [--out FILE] [--user USERNAME] [--status … the list filters]`: a hazard list as .xlsx. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: '导出隐患清单 / export a hazard list (GET /hazards filters) as .xlsx',
  usage: 'export [--out FILE] [--user USERNAME] [--status S --jurisdictionId J --overdue true …]',
  async run(args) {
    const { options } = parseArgs(args);
    const { out = '隐患清单.xlsx', user: username, ...filters } = options;
    const query = plainToInstance(ListHazardsQuery, filters);
    const problems = await validate(query, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length) {
      console.error(`筛选条件无效 / bad filter: ${problems.map((p) => `--${p.property} (${Object.values(p.constraints ?? {}).join('; ')})`).join(', ')}`);
      return 2;
    }
    const ds = await openDatabase();
    try {
      const user = await cliUser(ds, username);
      const { stream, done } = exportHazards(ds, new HazardQueryService(ds), user, query);
      await pipeline(stream, createWriteStream(out));
      console.log(`已导出 ${await done} 条 / exported ${await done} hazards: ${out}`);
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
