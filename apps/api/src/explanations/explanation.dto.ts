import { ApiProperty } from '@nestjs/swagger';
import { EXPLANATION_KINDS } from '@hazards/domain/explanations/explanation.types';

/** Response schemas of 为什么？ (OpenAPI only; the service returns libs/domain's Explanation). */
class RuleRefDto {
  @ApiProperty({ example: 'default-v2' }) policyVersion: string;
  @ApiProperty({ example: 'escalation.ladder[2]', description: 'JSON path of the setting in the policy' }) path: string;
  @ApiProperty({
    description: "The setting's value",
    nullable: true,
    oneOf: [{ type: 'object' }, { type: 'number' }, { type: 'string' }, { type: 'array', items: {} }, { type: 'boolean' }],
  })
  value: unknown;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

class NamedDateDto {
  @ApiProperty({ example: '2026-05-01' }) date: string;
  @ApiProperty({ example: '劳动节 Labour Day' }) name: string;
}

class DayCountDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ description: 'Negative: counted back (a reminder before a deadline)' }) days: number;
  @ApiProperty({ enum: ['working', 'calendar'] }) unit: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [NamedDateDto] }) holidaysSkipped: NamedDateDto[];
  @ApiProperty({ type: [NamedDateDto] }) makeUpDaysCounted: NamedDateDto[];
  @ApiProperty() weekendDaysSkipped: number;
  @ApiProperty({ description: 'A year on the way has no State Council notice yet' }) provisional: boolean;
}

class ComputationDto {
  @ApiProperty() key: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
  @ApiProperty({ type: RuleRefDto, nullable: true }) rule: RuleRefDto | null;
  @ApiProperty({ type: DayCountDto }) count: DayCountDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recorded: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) matchesRecord: boolean | null;
  @ApiProperty() textZh: string;
  @ApiProperty() textEn: string;
}

class FactDto {
  @ApiProperty() key: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
  @ApiProperty({ nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }) value:
    string | number | boolean | null;
  @ApiProperty({ description: 'The history seq that recorded it' }) seq: number;
}

export class ExplanationDto {
  @ApiProperty() seq: number;
  @ApiProperty() step: string;
  @ApiProperty({ enum: EXPLANATION_KINDS }) kind: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() titleZh: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: [RuleRefDto] }) rules: RuleRefDto[];
  @ApiProperty({ type: [ComputationDto] }) computations: ComputationDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) overdueSince: string | null;
  @ApiProperty({ type: [FactDto] }) facts: FactDto[];
  @ApiProperty({ type: [String], description: 'The explanation in sentences, times in Asia/Shanghai' }) textZh: string[];
  @ApiProperty({ type: [String] }) textEn: string[];
  @ApiProperty({ enum: ['recorded', 'recomputed'] }) inputs: string;
}
