import { ApiProperty } from '@nestjs/swagger';

/** A 政策推演 run as GET /simulations/{id} answers it. */
export class SimulationRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) status: string;
  @ApiProperty() jurisdictionId: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: 'string', nullable: true }) policyVersion: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{phase, done, total}: actions replayed of the total' })
  progress: Record<string, unknown>;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: '{code, message, messageEn} when failed' })
  error: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'The report (actual vs proposed) once succeeded',
  })
  report: Record<string, unknown> | null;
}
