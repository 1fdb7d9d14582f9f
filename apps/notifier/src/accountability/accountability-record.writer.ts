import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import type { HazardContext } from '../messages/hazard-context.loader';
import { DEADLINE_LABELS } from '../messages/message-composer';
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
    const [e] = (await m.query(
      `select id, name, credit_code, principal_name, principal_phone, principal_email from enterprises where id = $1`,
      [h.enterpriseId],
    )) as Record<string, string | null>[];
    const directors: { id: string; display_name: string; email: string | null }[] = await m.query(
      `select id, display_name, email from users where enterprise_id = $1 and is_safety_director and active order by id`,
      [h.enterpriseId],
    );
    const [dept] = h.leadDepartment
      ? ((await m.query(
          `select d.id, d.name, d.email from departments d join jurisdictions j on j.id = d.jurisdiction_id
            where d.id = $1 or (d.name = $1 and j.id = any($2::text[])) order by (d.id = $1) desc, length(j.path) desc limit 1`,
          [h.leadDepartment, h.pathIds],
        )) as { id: string; name: string; email: string | null }[])
      : [];
    const deptStaff: { id: string; display_name: string }[] = dept
      ? await m.query(`select id, display_name from users where department_id = $1 and active order by id`, [dept.id])
      : [];

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
    await m.query(
      `insert into accountability_records (event_id, hazard_id, jurisdiction_path, enterprise_id, trigger, heavier, enterprise_responsible,
         department_responsible, timeline, detail, traced_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) on conflict (event_id) do nothing`,
      [
        event.eventId,
        h.id,
        h.jurisdictionPath,
        h.enterpriseId,
        String(p.trigger ?? 'unknown'),
        p.heavier === true || h.heavierAccountability,
        JSON.stringify(enterpriseResponsible),
        JSON.stringify(departmentResponsible),
        JSON.stringify(await this.timeline(m, h)),
        JSON.stringify(p),
        event.occurredAt,
      ],
    );
  }

  private async timeline(m: EntityManager, h: HazardContext): Promise<TimelineEntry[]> {
    const out: TimelineEntry[] = [];
    const deadlines = (h.detail.deadlines ?? {}) as Record<string, string | null>;
    if (deadlines.planDue)
      out.push({ at: iso(deadlines.planDue), kind: 'due', what: `${DEADLINE_LABELS.plan.zh} / ${DEADLINE_LABELS.plan.en}` });
    const rect = deadlines.rectification ?? h.rectificationDeadline;
    if (rect) out.push({ at: iso(rect), kind: 'due', what: `${DEADLINE_LABELS.rectification.zh} / ${DEADLINE_LABELS.rectification.en}` });
    // Reminders that reached someone: digest items of this hazard whose digest was delivered.
    const reminded: { sent_at: Date; channel: string; name: string; deadline_kind: string; due_at: Date }[] = await m.query(
      `select d.sent_at, d.channel, (msg.recipient->>'name') as name, i.deadline_kind, i.due_at
         from reminder_digest_items i join reminder_digests g on g.id = i.digest_id
         join notification_messages msg on msg.message_key = g.message_key
         join notification_deliveries d on d.message_id = msg.id and d.status = 'sent'
        where i.hazard_id = $1 order by d.sent_at`,
      [h.id],
    );
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
    const notified: { sent_at: Date; channel: string; name: string; kind: string; title: string }[] = await m.query(
      `select d.sent_at, d.channel, (msg.recipient->>'name') as name, msg.kind, msg.title
         from notification_messages msg join notification_deliveries d on d.message_id = msg.id and d.status = 'sent'
        where msg.hazard_id = $1 and msg.kind <> 'reminder_digest' order by d.sent_at`,
      [h.id],
    );
    for (const n of notified) out.push({ at: iso(n.sent_at), kind: 'notified', who: n.name, channel: n.channel, what: n.title });
    const steps: {
      at: Date;
      step: string;
      actor: { name?: string; userId?: string; role?: string };
      reason: string | null;
      to_status: string;
    }[] = await m.query(`select at, step, actor, reason, to_status from hazard_history where hazard_id = $1 order by seq`, [h.id]);
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
