import type { DataSource } from 'typeorm';
import {
  absenceOf,
  activeAdmins,
  activeUser,
  departmentOnPath,
  departmentStaff,
  enterpriseContact,
  enterpriseUsers,
  usersAtNode,
  type RecipientUserRow,
} from '@hazards/persistence/recipients/recipients.repository';
import type { HazardContext } from '../messages/hazard-context.loader';
import type { Recipient, RecipientReason } from './recipient.types';

/** Jurisdiction levels top down; a hazard's path lists its nodes in this order. */
const LEVELS = ['city', 'county', 'township', 'grid'] as const;
export type TreeLevel = (typeof LEVELS)[number];

/**
 * Who hears about a hazard, from the jurisdiction tree and the hazard itself: the enterprise's
 * contacts and 主要负责人, the responsible supervisor at a level (an empty post goes to the level
 * above, up to the city and then the system admins: never nobody), and the lead department.
 * A user away for a date range is replaced by their delegate.
 */
export class RecipientResolver {
  constructor(private readonly ds: DataSource) {}

  /** Enterprise user accounts plus the 主要负责人 contact (unless one of the accounts already has that address). */
  async enterpriseContacts(h: Pick<HazardContext, 'enterpriseId'>): Promise<Recipient[]> {
    const users = await enterpriseUsers(this.ds, h.enterpriseId);
    const out = users.map((u) => this.fromUser(u, 'enterprise_contact'));
    const e = await enterpriseContact(this.ds, h.enterpriseId);
    if (e && (e.principal_email || e.principal_phone)) {
      const same = out.find((u) => e.principal_email && u.email?.toLowerCase() === e.principal_email.toLowerCase());
      if (same) same.reasons.push('principal');
      else {
        out.push({
          key: `principal:${e.id}`,
          kind: 'principal',
          id: e.id,
          name: e.principal_name ?? '主要负责人',
          email: e.principal_email,
          phone: e.principal_phone,
          userId: null,
          jurisdictionId: e.grid_id,
          preferenceScope: { scope: 'enterprise', id: e.id },
          reasons: ['principal'],
        });
      }
    }
    return out;
  }

  /**
   * The responsible supervisors at `level` of the hazard's path (grid: its grid inspectors). An
   * empty post falls back to the next level up; past the city, to the admins.
   */
  async supervisorsAt(h: Pick<HazardContext, 'pathIds' | 'jurisdictionPath'>, level: TreeLevel): Promise<Recipient[]> {
    let index = LEVELS.indexOf(level);
    const fallbackFrom = level;
    for (; index >= 0; index--) {
      const node = h.pathIds[index];
      if (!node) continue;
      const role = LEVELS[index] === 'grid' ? 'grid_inspector' : 'supervisor';
      const all = await usersAtNode(this.ds, node, role);
      // The level's own supervisors (安监) first; staff of a department at that level stand in only when there are none.
      const own = all.filter((u) => !u.department_id);
      const users = own.length > 0 ? own : all;
      if (users.length > 0) {
        const reason: RecipientReason = role === 'grid_inspector' ? 'grid_inspector' : 'supervisor';
        return users.map((u) => ({
          ...this.fromUser(u, reason),
          level: LEVELS[index],
          ...(LEVELS[index] !== fallbackFrom ? { fallbackFrom } : {}),
        }));
      }
    }
    const admins = await activeAdmins(this.ds);
    if (admins.length === 0)
      throw new Error(
        `无人可接收：${h.jurisdictionPath} 各级岗位均空缺且无管理员 / nobody to receive: every post on ${h.jurisdictionPath} is empty and there is no admin`,
      );
    return admins.map((u) => ({ ...this.fromUser(u, 'supervisor'), level: 'admin', fallbackFrom }));
  }

  /**
   * The lead department (牵头部门) named at listing: its mailbox and its staff. The listing names it
   * by id or by name; a name is looked up nearest-first along the hazard's path. When it cannot be
   * found the supervisors of the listing level stand in (never nobody).
   */
  async leadDepartment(h: HazardContext): Promise<Recipient[]> {
    if (!h.leadDepartment) return [];
    const d = await departmentOnPath(this.ds, h.leadDepartment, h.pathIds);
    if (!d) return this.supervisorsAt(h, (h.listingLevel as TreeLevel) ?? 'township');
    const staff = await departmentStaff(this.ds, d.id);
    const out: Recipient[] = staff.map((u) => this.fromUser(u, 'lead_department'));
    if (d.email) {
      out.push({
        key: `department:${d.id}`,
        kind: 'department',
        id: d.id,
        name: d.name,
        email: d.email,
        phone: null,
        userId: null,
        jurisdictionId: d.jurisdiction_id,
        preferenceScope: { scope: 'department', id: d.id },
        reasons: ['lead_department'],
      });
    }
    return out.length > 0 ? out : this.supervisorsAt(h, (h.listingLevel as TreeLevel) ?? 'township');
  }

  /** Replaces users who are away at `now` by their delegates (following a chain, at most 3 steps). */
  async applyDelegation(recipients: Recipient[], now: Date): Promise<Recipient[]> {
    const out: Recipient[] = [];
    for (const r of recipients) {
      if (r.kind !== 'user') {
        out.push(r);
        continue;
      }
      let current = r;
      const seen = new Set([r.id]);
      for (let hop = 0; hop < 3; hop++) {
        const u = await absenceOf(this.ds, current.id);
        if (!u?.delegate_user_id || !isAway(u, now) || seen.has(u.delegate_user_id)) break;
        const d = await activeUser(this.ds, u.delegate_user_id);
        if (!d) break;
        seen.add(d.id);
        current = {
          ...this.fromUser(d, r.reasons[0]),
          reasons: [...r.reasons],
          level: r.level,
          fallbackFrom: r.fallbackFrom,
          onBehalfOf: { key: r.key, name: r.name },
        };
      }
      out.push(current);
    }
    return dedupe(out);
  }

  private fromUser(u: RecipientUserRow, reason: RecipientReason): Recipient {
    return {
      key: `user:${u.id}`,
      kind: 'user',
      id: u.id,
      name: u.display_name,
      email: u.email,
      phone: u.phone,
      userId: u.id,
      // Enterprise accounts have no node of their own: their enterprise's grid stands for it.
      jurisdictionId: u.jurisdiction_id ?? u.grid_id,
      preferenceScope: { scope: 'user', id: u.id },
      reasons: [reason],
    };
  }
}

function isAway(u: Pick<RecipientUserRow, 'away_from' | 'away_until'>, now: Date): boolean {
  if (!u.away_from && !u.away_until) return false;
  const from = u.away_from ? new Date(u.away_from).getTime() : -Infinity;
  const until = u.away_until ? new Date(u.away_until).getTime() : Infinity;
  return from <= now.getTime() && now.getTime() < until;
}

/** One entry per person: reasons merge; the first level and delegation note are kept. */
export function dedupe(list: Recipient[]): Recipient[] {
  const byKey = new Map<string, Recipient>();
  for (const r of list) {
    const seen = byKey.get(r.key);
    if (!seen) byKey.set(r.key, { ...r, reasons: [...r.reasons] });
    else {
      for (const reason of r.reasons) if (!seen.reasons.includes(reason)) seen.reasons.push(reason);
      if (!seen.onBehalfOf && r.onBehalfOf) seen.onBehalfOf = r.onBehalfOf;
    }
  }
  return [...byKey.values()];
}
