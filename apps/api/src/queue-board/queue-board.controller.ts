import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { ADMIN_COOKIE, tokenOf } from './admin-token.middleware';
import { DeadLetterDto, DeadLetterResentDto, QueueCountsDto } from './queue-board-responses.dto';
import { QueueBoardService } from './queue-board.service';

@ApiTags('admin: queues')
@ApiBearerAuth()
@Controller('admin')
@Roles('admin')
export class QueueBoardController {
  constructor(private readonly board: QueueBoardService) {}

  /** The browser cannot send a bearer header to bull-board's pages: this turns the token into a cookie for /admin/queues. */
  @Post('queue-board/session')
  @HttpCode(204)
  @ApiOperation({ summary: '打开队列看板会话 / Open a bull-board session (sets an HttpOnly cookie for /admin/queues)' })
  @ApiNoContentResponse({
    description: 'No body: the session is the cookie',
    headers: {
      'Set-Cookie': {
        description: `${ADMIN_COOKIE}=<token>; Path=/admin/queues; HttpOnly; SameSite=Strict; Max-Age=43200`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrors(401, 403)
  session(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const token = tokenOf(req)!;
    res.setHeader(
      'Set-Cookie',
      `${ADMIN_COOKIE}=${encodeURIComponent(token)}; Path=/admin/queues; HttpOnly; SameSite=Strict; Max-Age=43200`,
    );
  }

  @Get('queue-metrics')
  @ApiOperation({ summary: '队列指标 / Job counts per queue, with completed and failed in the last hour' })
  @ApiOkResponse({ type: [QueueCountsDto] })
  @ApiErrors(401, 403)
  metrics() {
    return this.board.metrics();
  }

  @Get('dead-letters')
  @ApiOperation({ summary: '死信 / Jobs that exhausted their retries, with their error (newest first, at most 100)' })
  @ApiOkResponse({ type: [DeadLetterDto] })
  @ApiErrors(401, 403)
  deadLetters() {
    return this.board.deadLetters();
  }

  @Post('dead-letters/:id/resend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '重发死信 / Re-send a dead letter: back to its queue under the same job and delivery id (the receiver drops duplicates); audited',
  })
  @ApiOkResponse({ type: DeadLetterResentDto })
  @ApiErrors(401, 403, 404)
  resend(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.board.resend(id, u.username);
  }
}
