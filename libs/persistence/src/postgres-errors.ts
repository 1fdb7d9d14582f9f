/**
 * PostgreSQL's error class of a failed statement (SQLSTATE). TypeORM's QueryFailedError keeps the
 * driver's error as `driverError` and copies its fields onto itself; a bare driver error has only `code`.
 */
function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e.driverError?.code ?? e.code;
  return typeof code === 'string' ? code : undefined;
}

/** unique_violation (23505): the row's key is taken already. */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

/** foreign_key_violation (23503): a row the statement refers to does not exist. */
export function isForeignKeyViolation(err: unknown): boolean {
  return sqlState(err) === '23503';
}
