import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@hazards/access/auth-user';
import { notFound } from '@hazards/api-contract/api-error';
import { AccountabilityRecordsRepository } from '@hazards/persistence/accountability/accountability-records.repository';

/** 责任倒查 records within the caller's subtree (admins: all). */
@Injectable()
export class AccountabilityService {
  constructor(private readonly records: AccountabilityRecordsRepository) {}

  list(u: AuthUser, hazardId?: string) {
    return this.records.list(scopeOf(u), hazardId ?? null);
  }

  async get(u: AuthUser, id: string) {
    if (!/^\d{1,18}$/.test(id)) throw notFound('accountability record');
    const row = await this.records.get(id, scopeOf(u));
    if (!row) throw notFound('accountability record');
    return row;
  }
}

/** Admins see everything; a supervisor sees the subtree of their jurisdiction (never nothing-by-accident: no path, no rows). */
function scopeOf(u: AuthUser): string | null {
  if (u.role === 'admin') return null;
  return u.jurisdictionPath ?? '/no-jurisdiction/';
}
