import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Command } from 'nest-commander';
import { ListHazardsQuery } from '@hazards/hazards/dto/list-hazards.query';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { exportHazards } from '@hazards/imports/hazard-export';
import { CliCommand } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';
import { CliUsers } from '../runtime/cli-users';
import { freeOptions } from '../runtime/free-options';

/**
 * `export [--out FILE] [--user USERNAME] [--status … the list filters]`: a hazard list as .xlsx.
 * The filters are those of GET /hazards, validated by its DTO, so they are not declared here.
 */
@Command({ name: 'export', description: '导出隐患清单 / export a hazard list (GET /hazards filters) as .xlsx', allowUnknownOptions: true })
export class ExportCommand extends CliCommand {
  readonly usage = 'export [--out FILE] [--user USERNAME] [--status S --jurisdictionId J --overdue true …]';

  constructor(
    private readonly db: CliDatabase,
    private readonly users: CliUsers,
    private readonly hazards: HazardQueryService,
  ) {
    super();
  }

  async execute(params: string[]) {
    const { out = '隐患清单.xlsx', user: username, ...filters } = freeOptions(params);
    const query = plainToInstance(ListHazardsQuery, filters);
    const problems = await validate(query, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length) {
      console.error(
        `筛选条件无效 / bad filter: ${problems.map((p) => `--${p.property} (${Object.values(p.constraints ?? {}).join('; ')})`).join(', ')}`,
      );
      return 2;
    }
    const ds = await this.db.open();
    const user = await this.users.resolve(username);
    const { stream, done } = exportHazards(ds, this.hazards, user, query);
    await pipeline(stream, createWriteStream(out));
    console.log(`已导出 ${await done} 条 / exported ${await done} hazards: ${out}`);
    return 0;
  }
}
