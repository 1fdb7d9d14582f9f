import { ApiProperty } from '@nestjs/swagger';

/** One entry of a 责任倒查 record's evidence timeline. */
export class AccountabilityTimelineEntryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['due', 'reminded', 'notified', 'step'] }) kind: string;
  @ApiProperty({ example: 'accident.linked' }) what: string;
  @ApiProperty({ required: false, description: 'Who was reminded / notified, or who took the step' }) who?: string;
  @ApiProperty({ required: false, example: 'email' }) channel?: string;
}

/** A 责任倒查 record (responsibility tracing), written by the notifier when the workflow traces responsibility. */
export class AccountabilityRecordDto {
  @ApiProperty({ example: '17' }) id: string;
  @ApiProperty() eventId: string;
  @ApiProperty() hazardId: string;
  @ApiProperty({ example: '/nantong/tongzhou/jinsha/jinsha-g1/' }) jurisdictionPath: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ example: 'accident_during_rectification' }) trigger: string;
  @ApiProperty({ description: '从重追究 / heavier accountability' }) heavier: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Enterprise, principal person in charge, safety directors, plan responsible',
  })
  enterpriseResponsible: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Lead department and its staff, listing authority and level, supervisors told, who rejected',
  })
  departmentResponsible: Record<string, unknown>;
  @ApiProperty({ type: [AccountabilityTimelineEntryDto] }) timeline: AccountabilityTimelineEntryDto[];
  @ApiProperty({ format: 'date-time' }) tracedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
