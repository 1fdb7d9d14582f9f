import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { WorkQueueDto } from './work-queue.dto';
import { WorkQueueService } from './work-queue.service';

@ApiTags('work queue')
@ApiBearerAuth()
@Controller('me')
export class WorkQueueController {
  constructor(private readonly queue: WorkQueueService) {}

  @Get('work-queue')
  @ApiOperation({ summary: '待办 / What is waiting for me: plans to decide, reviews due, my overdue hazards' })
  @ApiOkResponse({ type: WorkQueueDto })
  @ApiErrors(401)
  get(@CurrentUser() user: AuthUser) {
    return this.queue.forUser(user);
  }
}
