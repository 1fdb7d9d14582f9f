import type { DataSource } from 'typeorm';
import type { HazardContext } from '../messages/hazard-context.loader';
import type { Recipient, RecipientReason } from './recipient.types';

/** Jurisdiction levels top down; a hazard's path lists its nodes in this order. */
const LEVELS = ['city', 'county', 'township', 'grid'] as const;
export type TreeLevel = (typeof LEVELS)[number];

interface UserRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  role: string;
  jurisdiction_id: string | null;
  enterprise_id: string | null;
  grid_id: string | null;
  delegate_user_id: string | null;
  away_from: Date | null;
  away_until: Date | null;
  active: boolean;
}

const USER_COLUMNS = `u.id, u.display_name, u.email, u.phone, u.role, u.jurisdiction_id, u.enterprise_id, e.grid_id,
  u.delegate_user_id, u.away_from, u.away_until, u.active`;

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
    const users: UserRow[] = await this.ds.query(
      `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id
        where u.enterprise_id = $1 and u.active and u.role = 'enterprise' order by u.id`,
      [h.enterpriseId],
    );
    const out = users.map((u) => this.fromUser(u, 'enterprise_contact'));
    const [e] = (await this.ds.query(
      `select id, name, grid_id, principal_name, principal_phone, principal_email from enterprises where id = $1`,
      [h.enterpriseId],
    )) as { id: string; grid_id: string; principal_name: string | null; principal_phone: string | null; principal_email: string | null }[];
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
      const all: (UserRow & { department_id: string | null })[] = await this.ds.query(
        `select ${USER_COLUMNS}, u.department_id from users u left join enterprises e on e.id = u.enterprise_id
          where u.jurisdiction_id = $1 and u.role = $2 and u.active order by u.id`,
        [node, role],
      );
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
    const admins: UserRow[] = await this.ds.query(
      `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id where u.role = 'admin' and u.active order by u.id`,
    );
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
    const depts: { id: string; name: string; jurisdiction_id: string; email: string | null; path: string }[] = await this.ds.query(
      `select d.id, d.name, d.jurisdiction_id, d.email, j.path from departments d join jurisdictions j on j.id = d.jurisdiction_id
        where d.id = $1 or (d.name = $1 and j.id = any($2::text[])) order by (d.id = $1) desc, length(j.path) desc limit 1`,
      [h.leadDepartment, h.pathIds],
    );
    const d = depts[0];
    if (!d) return this.supervisorsAt(h, (h.listingLevel as TreeLevel) ?? 'township');
    const staff: UserRow[] = await this.ds.query(
      `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id
        where u.department_id = $1 and u.active order by u.id`,
      [d.id],
    );
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
        const [u] = (await this.ds.query(`select delegate_user_id, away_from, away_until from users where id = $1`, [
          current.id,
        ])) as UserRow[];
        if (!u?.delegate_user_id || !isAway(u, now) || seen.has(u.delegate_user_id)) break;
        const [d] = (await this.ds.query(
          `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id where u.id = $1 and u.active`,
          [u.delegate_user_id],
        )) as UserRow[];
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

  private fromUser(u: UserRow, reason: RecipientReason): Recipient {
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

function isAway(u: Pick<UserRow, 'away_from' | 'away_until'>, now: Date): boolean {
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
