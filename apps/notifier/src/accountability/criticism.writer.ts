import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import { recordCriticism, type CriticismSubject } from '@hazards/persistence/accountability/public-criticisms.repository';
import { enterpriseContact } from '@hazards/persistence/recipients/recipients.repository';
import type { HazardContext } from '../messages/hazard-context.loader';

const LEVEL_INDEX: Record<string, number> = { city: 0, county: 1, township: 2 };

/** Is this event the overdue ladder's 通报批评 stage? */
export const isCriticism = (event: DomainEvent): boolean =>
  event.type === 'escalation.raised' && (event.payload as Record<string, unknown>).action === 'public_criticism';

/**
 * 通报批评: records who is criticised (the enterprise, the lead department, the listing authority)
 * and by which jurisdiction (the level the ladder names, on the hazard's path), for the next
 * bulletin of that jurisdiction to carry.
 */
export async function writeCriticism(m: EntityManager, event: DomainEvent, h: HazardContext): Promise<void> {
  const p = event.payload as Record<string, unknown>;
  const detail = (p.detail ?? {}) as Record<string, unknown>;
  const level = String(detail.criticisedBy ?? h.listingLevel ?? 'county');
  const issuerIndex = Math.min(LEVEL_INDEX[level] ?? 1, h.pathIds.length - 1);
  const issuerPath = `/${h.pathIds.slice(0, issuerIndex + 1).join('/')}/`;
  const ent = await enterpriseContact(m, h.enterpriseId);
  const subjects: CriticismSubject[] = [{ kind: 'enterprise', name: h.enterpriseName, creditCode: ent?.credit_code ?? null }];
  if (h.leadDepartment) subjects.push({ kind: 'department', name: h.leadDepartment });
  if (h.authority) subjects.push({ kind: 'authority', name: h.authority });
  await recordCriticism(m, {
    eventId: event.eventId,
    hazardId: h.id,
    hazardPath: h.jurisdictionPath,
    issuerJurisdictionId: h.pathIds[issuerIndex],
    issuerPath,
    subjects,
    reason: `重大事故隐患“${h.description}”逾期未整改（逾期第${String(p.stage ?? '')}级） / major hazard overdue (ladder stage ${String(p.stage ?? '')})`,
    stage: typeof p.stage === 'number' ? p.stage : null,
    decidedAt: event.occurredAt,
  });
}
