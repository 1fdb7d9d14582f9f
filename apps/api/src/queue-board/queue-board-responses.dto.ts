import { ApiProperty } from '@nestjs/swagger';
import { ALL_QUEUES } from '@hazards/events/queues';

/** Job counts of one notifier queue (OpenAPI only; libs/events queueCounts() returns this shape). */
export class QueueCountsDto {
  @ApiProperty({ enum: ALL_QUEUES }) queue: string;
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() completed: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'Jobs completed over the last hour' }) completedLastHour: number;
  @ApiProperty({ description: 'Jobs failed over the last hour' }) failedLastHour: number;
}

/** A job that exhausted its retries. */
export class DeadLetterDto {
  @ApiProperty({ example: '3' }) id: string;
  @ApiProperty({ enum: ALL_QUEUES }) queue: string;
  @ApiProperty() jobId: string;
  @ApiProperty() jobName: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The job's data" }) data: Record<string, unknown>;
  @ApiProperty({ description: 'The last error' }) error: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty({ format: 'date-time' }) failedAt: string;
}

export class DeadLetterResentDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ALL_QUEUES }) queue: string;
  @ApiProperty({ description: 'The same job id (for a notification: the delivery key)' }) jobId: string;
  @ApiProperty() resendCount: number;
  @ApiProperty({ enum: ['failed', 'completed', 'waiting', 'delayed', 'active', 'prioritized', 'waiting-children', 'unknown', 'removed'] })
  previousState: string;
}
