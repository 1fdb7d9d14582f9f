import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { InboxService } from './inbox.service';
import { MarkAllReadResultDto, MarkReadResultDto } from './notification-responses.dto';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: '只看未读 / unread only' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  offset?: number;
}

export class InboxItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['reminder_digest', 'escalation', 'accountability', 'closure'] }) kind: string;
  @ApiProperty({ example: '【隐患升级督办】南通恒通机械有限公司：3号罐区可燃气体报警器失效 / Hazard escalated' }) title: string;
  @ApiProperty({ description: 'zh-CN first, then English' }) body: string;
  @ApiProperty({ nullable: true, type: String }) link: string | null;
  @ApiProperty({ nullable: true, type: String }) hazardId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt: Date | null;
}

export class InboxPageDto {
  @ApiProperty({ description: '未读数 / unread count' }) unread: number;
  @ApiProperty() total: number;
  @ApiProperty({ type: [InboxItemDto] }) items: InboxItemDto[];
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: '站内信 / My in-app inbox, newest first, with the unread count' })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiErrors(400, 401)
  list(@CurrentUser() u: AuthUser, @Query() q: InboxQueryDto) {
    return this.inbox.list(u.id, { unreadOnly: q.unread ?? false, limit: q.limit ?? 20, offset: q.offset ?? 0 });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: "标记已读 / Mark one message read (someone else's message answers 404)" })
  @ApiOkResponse({ type: MarkReadResultDto })
  @ApiErrors(401, 404)
  markRead(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.inbox.markRead(u.id, id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标记已读 / Mark all my messages read' })
  @ApiOkResponse({ type: MarkAllReadResultDto })
  @ApiErrors(401)
  markAllRead(@CurrentUser() u: AuthUser) {
    return this.inbox.markAllRead(u.id);
  }
}
