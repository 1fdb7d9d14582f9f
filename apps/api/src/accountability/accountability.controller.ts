import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { AccountabilityRecordDto } from './accountability-responses.dto';
import { AccountabilityService } from './accountability.service';

export class AccountabilityQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) hazardId?: string;
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
