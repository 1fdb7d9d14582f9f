import type { DomainEvent } from '@hazards/events/domain-event';
import type { HazardContext } from '../messages/hazard-context.loader';
import { dedupe, type RecipientResolver, type TreeLevel } from './recipient.resolver';
import type { Recipient } from './recipient.types';

/** Listing / review levels map onto tree levels; province is above the tree, so the city answers. */
export function treeLevelOf(level: unknown, fallback: TreeLevel = 'township'): TreeLevel {
  switch (level) {
    case 'city':
    case 'province':
      return 'city';
    case 'county':
      return 'county';
    case 'township':
    case 'verification':
      return 'township';
    default:
      return fallback;
  }
}

/** The level that supervises the hazard now: its listing level, else the township. */
const supervisingLevel = (h: HazardContext): TreeLevel => treeLevelOf(h.listingLevel);
const above = (l: TreeLevel): TreeLevel => (l === 'grid' ? 'township' : l === 'township' ? 'county' : 'city');

/**
 * Who is told of each kind of event (before delegation). Plan and rectification reminders reach
 * the whole chain (enterprise, 主要负责人, grid inspector, supervising level, lead department);
 * review reminders only the reviewers; escalations add the level escalated to; accountability
 * goes to the supervising level, the one above it and the lead department, and to the 主要负责人.
 */
export async function audienceFor(event: DomainEvent, h: HazardContext, r: RecipientResolver): Promise<Recipient[]> {
  const p = event.payload as Record<string, unknown>;
  const lists: Recipient[][] = [];
  switch (event.type) {
    case 'reminder.due': {
      // Review reminders, and reminders of a decision the regulator owes, go to the level that owes it.
      if (['review', 'grading', 'listing', 'plan_decision', 'publication', 'interview'].includes(p.deadline as string)) {
        lists.push(await r.supervisorsAt(h, treeLevelOf(p.level, supervisingLevel(h))));
        break;
      }
      lists.push(
        await r.enterpriseContacts(h),
        await r.supervisorsAt(h, 'grid'),
        await r.supervisorsAt(h, supervisingLevel(h)),
        await r.leadDepartment(h),
      );
      break;
    }
    case 'escalation.raised': {
      const detail = (p.detail ?? {}) as Record<string, unknown>;
      const to = treeLevelOf(p.escalatedTo, above(supervisingLevel(h)));
      if (p.kind === 'review_window_missed' || p.kind === 'extension_decision_overdue') {
        lists.push(await r.supervisorsAt(h, treeLevelOf(detail.level, supervisingLevel(h))), await r.supervisorsAt(h, to));
        break;
      }
      const from = detail.relistedFrom ? treeLevelOf(detail.relistedFrom) : supervisingLevel(h);
      lists.push(
        await r.enterpriseContacts(h),
        await r.supervisorsAt(h, from),
        await r.supervisorsAt(h, supervisingLevel(h)),
        await r.supervisorsAt(h, to),
        await r.leadDepartment(h),
      );
      break;
    }
    case 'accountability.traced': {
      const level = supervisingLevel(h);
      lists.push(
        (await r.enterpriseContacts(h)).filter((c) => c.reasons.includes('principal')),
        await r.supervisorsAt(h, level),
        await r.supervisorsAt(h, above(level)),
        await r.leadDepartment(h),
      );
      break;
    }
    case 'hazard.deadlines_recomputed': {
      // The calendar moved its deadlines: the enterprise and the level that supervises it.
      lists.push(await r.enterpriseContacts(h), await r.supervisorsAt(h, supervisingLevel(h)));
      break;
    }
    case 'hazard.withdrawn': {
      // A withdrawal is told to the level above the one that withdrew (a listed hazard's ladder stops with it).
      if (!p.notifyLevel) break;
      lists.push(
        await r.supervisorsAt(h, treeLevelOf(p.withdrawnAt, supervisingLevel(h))),
        await r.supervisorsAt(h, treeLevelOf(p.notifyLevel)),
      );
      break;
    }
    case 'hazard.listed':
    case 'hazard.closed':
    case 'interview.scheduled':
      // 挂牌 / 销号摘牌 / 约谈通知: the enterprise and the lead department, at once (the level above gets a digest: news-audience.ts).
      lists.push(await r.enterpriseContacts(h), await r.leadDepartment(h));
      break;
    case 'document.issued': {
      // A document reaches its addressees: a letter the enterprise and the lead department; a stoppage recommendation the listing level.
      const toEnterprise = p.kind !== 'stoppage_recommendation';
      lists.push(toEnterprise ? await r.enterpriseContacts(h) : await r.supervisorsAt(h, supervisingLevel(h)), await r.leadDepartment(h));
      break;
    }
    case 'closure.recommended': {
      // Safety Law art 113: the county-level government decides on closure.
      lists.push(
        (await r.enterpriseContacts(h)).filter((c) => c.reasons.includes('principal')),
        await r.supervisorsAt(h, 'county'),
      );
      break;
    }
    default:
      break;
  }
  return dedupe(lists.flat());
}
