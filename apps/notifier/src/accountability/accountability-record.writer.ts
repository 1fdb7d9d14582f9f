import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import {
  insertAccountabilityRecord,
  noticesDelivered,
  remindersDelivered,
  stepsWithActors,
} from '@hazards/persistence/accountability/accountability-records.repository';
import {
  departmentOnPath,
  departmentStaff,
  enterpriseContact,
  safetyDirectors,
} from '@hazards/persistence/recipients/recipients.repository';
import type { HazardContext } from '../messages/hazard-context.loader';
import { DEADLINE_LABELS } from '@hazards/domain/hazard/deadline-labels';
import type { Recipient } from '../recipients/recipient.types';

interface TimelineEntry {
  at: string;
  kind: 'due' | 'reminded' | 'notified' | 'step';
  what: string;
  who?: string;
  channel?: string;
  [k: string]: unknown;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * 责任倒查: when the workflow traces responsibility, the notifier writes the record an inquiry
 * reads: who is responsible at the enterprise (主要负责人, safety directors, the plan's named
 * people) and at the supervising department (lead department and its staff, the supervisors who
 * were told, reviewers who rejected), and the evidence timeline: what was due, who was reminded
 * or notified when and on which channel, and every step with its actor. 从重 is marked.
 */
export class AccountabilityRecordWriter {
  async write(m: EntityManager, event: DomainEvent, h: HazardContext, told: Recipient[]): Promise<void> {
    const p = event.payload as Record<string, unknown>;
    const ent = (p.enterprise ?? {}) as Record<string, unknown>;
    const sup = (p.supervisingDepartment ?? {}) as Record<string, unknown>;
    const e = await enterpriseContact(m, h.enterpriseId);
    const directors = await safetyDirectors(m, h.enterpriseId);
    const dept = h.leadDepartment ? await departmentOnPath(m, h.leadDepartment, h.pathIds) : undefined;
    const deptStaff = dept ? await departmentStaff(m, dept.id) : [];

    const enterpriseResponsible = {
      enterpriseId: h.enterpriseId,
      name: e?.name ?? h.enterpriseName,
      creditCode: e?.credit_code ?? null,
      principal: {
        name: e?.principal_name ?? null,
        phone: e?.principal_phone ?? null,
        email: e?.principal_email ?? null,
        role: '主要负责人 / principal person in charge',
      },
      safetyDirectors: directors.map((d) => ({ userId: d.id, name: d.display_name })),
      planResponsible: ent.planResponsible ?? null,
    };
    const departmentResponsible = {
      leadDepartment: dept ? { id: dept.id, name: dept.name, email: dept.email } : h.leadDepartment ? { name: h.leadDepartment } : null,
      leadDepartmentStaff: deptStaff.map((s) => ({ userId: s.id, name: s.display_name })),
      authority: sup.authority ?? h.authority,
      listingLevel: sup.listingLevel ?? h.listingLevel,
      supervisors: told
        .filter((r) => r.reasons.includes('supervisor') || r.reasons.includes('grid_inspector'))
        .map((r) => ({ key: r.key, name: r.name, level: r.level ?? null, ...(r.fallbackFrom ? { fallbackFrom: r.fallbackFrom } : {}) })),
      rejectedBy: sup.rejectedBy ?? [],
    };
    await insertAccountabilityRecord(m, {
      eventId: event.eventId,
      hazardId: h.id,
      jurisdictionPath: h.jurisdictionPath,
      enterpriseId: h.enterpriseId,
      trigger: String(p.trigger ?? 'unknown'),
      heavier: p.heavier === true || h.heavierAccountability,
      enterpriseResponsible,
      departmentResponsible,
      timeline: await this.timeline(m, h),
      detail: p,
      tracedAt: event.occurredAt,
    });
  }

  private async timeline(m: EntityManager, h: HazardContext): Promise<TimelineEntry[]> {
    const out: TimelineEntry[] = [];
    const deadlines = (h.detail.deadlines ?? {}) as Record<string, string | null>;
    if (deadlines.planDue)
      out.push({ at: iso(deadlines.planDue), kind: 'due', what: `${DEADLINE_LABELS.plan.zh} / ${DEADLINE_LABELS.plan.en}` });
    const rect = deadlines.rectification ?? h.rectificationDeadline;
    if (rect) out.push({ at: iso(rect), kind: 'due', what: `${DEADLINE_LABELS.rectification.zh} / ${DEADLINE_LABELS.rectification.en}` });
    // Reminders that reached someone: digest items of this hazard whose digest was delivered.
    const reminded = await remindersDelivered(m, h.id);
    for (const r of reminded) {
      const label = DEADLINE_LABELS[r.deadline_kind] ?? { zh: r.deadline_kind, en: r.deadline_kind };
      out.push({
        at: iso(r.sent_at),
        kind: 'reminded',
        who: r.name,
        channel: r.channel,
        what: `提醒${label.zh}（${iso(r.due_at)}） / reminded of ${label.en}`,
      });
    }
    const notified = await noticesDelivered(m, h.id);
    for (const n of notified) out.push({ at: iso(n.sent_at), kind: 'notified', who: n.name, channel: n.channel, what: n.title });
    const steps = await stepsWithActors(m, h.id);
    for (const s of steps) {
      out.push({
        at: iso(s.at),
        kind: 'step',
        what: s.step,
        who: s.actor?.name ?? s.actor?.userId ?? 'unknown',
        role: s.actor?.role ?? null,
        toStatus: s.to_status,
        ...(s.reason ? { reason: s.reason } : {}),
      });
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }
}
