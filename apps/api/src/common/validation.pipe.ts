import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiException } from '@hazards/api-contract/api-error';

const firstProblem = (errors: ValidationError[], prefix = ''): { field: string; constraint: string } | null => {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const constraints = Object.values(e.constraints ?? {});
    if (constraints.length) return { field, constraint: constraints[0] };
    const nested = firstProblem(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
};

/**
 * DTO validation: unknown fields rejected, values converted, and the first wrong field named in
 * the error (400). DTO messages are written `中文 / English` so both languages reach the user.
 */
export const apiValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => {
    const p = firstProblem(errors);
    const field = p?.field ?? 'body';
    const raw = p?.constraint ?? 'invalid';
    if (/should not exist/.test(raw)) {
      return new ApiException(400, 'unknown_field', `不允许的字段：${field}`, `Unknown field: ${field}`, field);
    }
    const [zh, en] = raw.includes(' / ') ? raw.split(' / ', 2) : [`字段 ${field} 无效：${raw}`, `${field}: ${raw}`];
    return new ApiException(400, 'validation_failed', zh, en, field);
  },
});
