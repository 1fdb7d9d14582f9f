import { Controller, Get, Injectable, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { notFound } from '@hazards/api-contract/api-error';
import { AccountabilityRecordDto } from './accountability-responses.dto';

export class AccountabilityQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) hazardId?: string;
}

const COLUMNS = `id::text, event_id as "eventId", hazard_id as "hazardId", jurisdiction_path as "jurisdictionPath", enterprise_id as "enterpriseId",
  trigger, heavier, enterprise_responsible as "enterpriseResponsible", department_responsible as "departmentResponsible", timeline,
  traced_at as "tracedAt", created_at as "createdAt"`;

/** 责任倒查 records within the caller's subtree (admins: all). */
@Injectable()
export class AccountabilityService {
  constructor(private readonly ds: DataSource) {}

  list(u: AuthUser, hazardId?: string) {
    return this.ds.query(
      `select ${COLUMNS} from accountability_records
        where ($1::text is null or starts_with(jurisdiction_path, $1)) and ($2::text is null or hazard_id = $2)
        order by traced_at desc, id desc limit 200`,
      [scopeOf(u), hazardId ?? null],
    );
  }

  async get(u: AuthUser, id: string) {
    if (!/^\d{1,18}$/.test(id)) throw notFound('accountability record');
    const [row] = await this.ds.query(
      `select ${COLUMNS} from accountability_records where id = $1 and ($2::text is null or starts_with(jurisdiction_path, $2))`,
      [id, scopeOf(u)],
    );
    if (!row) throw notFound('accountability record');
    return row;
  }
}

/** Admins see everything; a supervisor sees the subtree of their jurisdiction (never nothing-by-accident: no path, no rows). */
function scopeOf(u: AuthUser): string | null {
  if (u.role === 'admin') return null;
  return u.jurisdictionPath ?? '/no-jurisdiction/';
}

@ApiTags('accountability')
@ApiBearerAuth()
@Controller('accountability-records')
@Roles('supervisor', 'admin')
export class AccountabilityController {
  constructor(private readonly records: AccountabilityService) {}

  @Get()
  @ApiOperation({ summary: '责任倒查记录 / Responsibility tracing records in my jurisdiction, newest first (从重 marked)' })
  @ApiOkResponse({ type: [AccountabilityRecordDto] })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() u: AuthUser, @Query() q: AccountabilityQueryDto) {
    return this.records.list(u, q.hazardId);
  }

  @Get(':id')
  @ApiOperation({ summary: '责任倒查记录详情 / One record: responsible people and evidence timeline' })
  @ApiOkResponse({ type: AccountabilityRecordDto })
  @ApiErrors(401, 403, 404)
  get(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.records.get(u, id);
  }
}
