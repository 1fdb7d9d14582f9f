import { ApiProperty } from '@nestjs/swagger';
import { QueueCountsDto } from '../queue-board/queue-board-responses.dto';

class OpenHazardsDto {
  @ApiProperty({ example: 'rectifying' }) status: string;
  @ApiProperty({ example: 'county', description: "'none' when never listed" }) listingLevel: string;
  @ApiProperty() count: number;
}

class OverdueHazardsDto {
  @ApiProperty({ description: 'Escalation stage reached (0 = overdue, not yet escalated)' }) stage: number;
  @ApiProperty() count: number;
}

class LatenessBucketDto {
  @ApiProperty({ example: '2', description: "Upper bound in seconds, or '+Inf'" }) le: string;
  @ApiProperty({ description: 'Escalations recorded within this bucket (not cumulative)' }) count: number;
}

class EscalationLatenessDto {
  @ApiProperty({ type: [LatenessBucketDto] }) buckets: LatenessBucketDto[];
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Sum of the lateness, seconds' }) sumSeconds: number;
}

class SentDto {
  @ApiProperty({ example: 'email' }) channel: string;
  @ApiProperty({ example: 'escalation' }) kind: string;
  @ApiProperty() count: number;
}

class RouteLatencyDto {
  @ApiProperty({ example: 'GET /hazards/:id' }) route: string;
  @ApiProperty() requests: number;
  @ApiProperty({ description: 'Upper bound of the bucket holding the median, ms' }) p50Ms: number;
  @ApiProperty({ description: 'Upper bound of the bucket holding the 95th percentile, ms' }) p95Ms: number;
}

/** The figures of the console's 运行状态 page: the same as /metrics, without Prometheus. */
export class RuntimeStatusDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [OpenHazardsDto] }) hazardsOpen: OpenHazardsDto[];
  @ApiProperty({ type: [OverdueHazardsDto] }) hazardsOverdue: OverdueHazardsDto[];
  @ApiProperty({ type: [QueueCountsDto] }) queues: QueueCountsDto[];
  @ApiProperty({ description: 'Dead letters kept in PostgreSQL' }) deadLetters: number;
  @ApiProperty({ type: EscalationLatenessDto, description: 'Every notifier since the deployment started' })
  escalationLateness: EscalationLatenessDto;
  @ApiProperty({ type: [SentDto], description: 'Deliveries sent over the last 24 hours' }) sentLast24h: SentDto[];
  @ApiProperty({ type: [RouteLatencyDto], description: 'This API instance since it started' }) http: RouteLatencyDto[];
}
