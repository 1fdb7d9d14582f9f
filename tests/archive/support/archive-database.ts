import type { RecordStepInput } from '../../../libs/temporal/src/hazard-activities';
import { createIsolatedDatabase } from '../../support/isolated-database';

export { superuserClient } from '../../support/isolated-database';

/**
 * A database of its own for one archive test file (tests/support/isolated-database.ts): chain
 * positions are then the test's alone, whatever other test files write meanwhile.
 */
export async function createArchiveDatabase() {
  const db = await createIsolatedDatabase('archive');
  return {
    ...db,
    /** The superuser: tampering runs with triggers off (session_replication_role = replica), as an insider could. */
    async tamper(sql: string, params: unknown[] = []) {
      await db.su.query('set session_replication_role = replica');
      try {
        return (await db.su.query(sql, params)).rows;
      } finally {
        await db.su.query('set session_replication_role = origin');
      }
    },
  };
}

export type ArchiveDatabase = Awaited<ReturnType<typeof createArchiveDatabase>>;

/** A lifecycle step as the workflow would record it (synthetic, with Chinese text and nested data). */
export function syntheticStep(hazardId: string, seq: number, at = new Date()): RecordStepInput {
  return {
    hazardId, seq, step: seq === 1 ? 'reported' : 'reminder.sent',
    actor: { userId: 'user-1', role: 'enterprise', name: '甲化工安全员', enterpriseId: 'ent-1' },
    at: at.toISOString(), fromStatus: seq === 1 ? null : 'reported', toStatus: 'reported',
    reason: seq % 3 === 0 ? `第${seq}步：整改期限提醒` : undefined, policyVersion: 'default-v1',
    data: { n: seq, note: '储罐区报警器失效', nested: { list: [1, 2.5, '三'], flag: true, empty: null } },
    snapshot: {
      hazardId, status: 'reported', policyVersion: 'default-v1', enterpriseId: 'ent-1', jurisdictionPath: ['city-1', 'county-1', 'town-1', 'grid-1'],
      source: '企业自查', description: '2号储罐区可燃气体报警器失效', reportedAt: at.toISOString(), grade: null, accidentType: null, industry: null,
      listingLevel: null, currentDeadline: null, rectificationDeadline: null, escalationStage: 0, extensionCount: 0, rejectionCount: 0,
      productionStopped: false, heavierAccountability: false, closedAt: null, detail: {},
    },
    events: [],
  };
}
