/** Why someone receives a message; shown in the message so people know why they got it. */
export type RecipientReason =
  | 'enterprise_contact' // 企业联系人
  | 'principal' // 企业主要负责人
  | 'supervisor' // 属地监管人员 at a level
  | 'grid_inspector' // 网格员
  | 'lead_department'; // 牵头部门

export interface Recipient {
  /** 'user:<id>' | 'principal:<enterpriseId>' | 'department:<id>': the unit of dedupe and digests. */
  key: string;
  kind: 'user' | 'principal' | 'department';
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Set for users: the in-app inbox needs an account. */
  userId: string | null;
  /** Where channel preferences are looked up: the recipient's node and the ones above it. */
  jurisdictionId: string | null;
  /** Scope of the recipient's own channel preferences ('user' | 'enterprise' | 'department'). */
  preferenceScope: { scope: 'user' | 'enterprise' | 'department'; id: string };
  reasons: RecipientReason[];
  /** The level a supervisor was chosen for, and the level whose empty post sent it here. */
  level?: string;
  fallbackFrom?: string;
  /** Set when this person receives for someone who is away (delegation). */
  onBehalfOf?: { key: string; name: string };
}

export const REASON_LABELS: Record<RecipientReason, { zh: string; en: string }> = {
  enterprise_contact: { zh: '企业联系人', en: 'enterprise contact' },
  principal: { zh: '企业主要负责人', en: 'principal person in charge' },
  supervisor: { zh: '属地监管人员', en: 'supervisor' },
  grid_inspector: { zh: '网格员', en: 'grid inspector' },
  lead_department: { zh: '牵头部门', en: 'lead department' },
};
