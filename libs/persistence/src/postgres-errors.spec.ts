import { QueryFailedError } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation } from './postgres-errors';

describe('PostgreSQL error classes', () => {
  const driverError = (code: string) => Object.assign(new Error('statement failed'), { code });

  it('reads the SQLSTATE from a QueryFailedError and from a bare driver error', () => {
    expect(isUniqueViolation(new QueryFailedError('insert', [], driverError('23505')))).toBe(true);
    expect(isUniqueViolation(driverError('23505'))).toBe(true);
    expect(isForeignKeyViolation(new QueryFailedError('insert', [], driverError('23503')))).toBe(true);
    expect(isForeignKeyViolation(driverError('23503'))).toBe(true);
  });

  it('says no to another class, to an error without one and to what is not an error', () => {
    expect(isUniqueViolation(driverError('23503'))).toBe(false);
    expect(isForeignKeyViolation(driverError('23505'))).toBe(false);
    expect(isUniqueViolation(new Error('connection refused'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
