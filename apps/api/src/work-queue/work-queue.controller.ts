import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { WorkQueueService } from './work-queue.service';

@ApiTags('work queue')
@ApiBearerAuth()
@Controller('me')
export class WorkQueueController {
  constructor(private readonly queue: WorkQueueService) {}

  @Get('work-queue')
  @ApiOperation({ summary: '待办 / What is waiting for me: plans to decide, reviews due, my overdue hazards' })
  get(@CurrentUser() user: AuthUser) {
    return this.queue.forUser(user);
  }
}
