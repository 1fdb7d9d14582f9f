// Controlled vocabularies of the domain (../shared/domain.md). Values are the Chinese terms users
// see and regulators publish, so reports and statistics group by exactly these strings.

/** 隐患来源: how a hazard was discovered. */
export const HAZARD_SOURCES = ['企业自查', '监督检查', '督查', '四不两直', '专家检查', '暗访', '举报', '网格巡查'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

/** GB 6441 事故类别: the 20 accident classes. */
export const ACCIDENT_TYPES = [
  '物体打击',
  '车辆伤害',
  '机械伤害',
  '起重伤害',
  '触电',
  '淹溺',
  '灼烫',
  '火灾',
  '高处坠落',
  '坍塌',
  '冒顶片帮',
  '透水',
  '放炮',
  '火药爆炸',
  '瓦斯爆炸',
  '锅炉爆炸',
  '容器爆炸',
  '其他爆炸',
  '中毒和窒息',
  '其他伤害',
] as const;
export type AccidentType = (typeof ACCIDENT_TYPES)[number];

/** 隐患等级: general (一般) or major (重大). */
export const GRADES = ['general', 'major'] as const;
export type Grade = (typeof GRADES)[number];

/** 挂牌督办 level; also the review ladder (三级复核) township → county → city. */
export const LISTING_LEVELS = ['township', 'county', 'city'] as const;
export type ListingLevel = (typeof LISTING_LEVELS)[number];

/** Levels of the jurisdiction tree, top down. */
export const JURISDICTION_LEVELS = ['city', 'county', 'township', 'grid'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/** The level one down the tree (a city's counties, a county's townships …); none below a grid. */
export function childLevel(level: JurisdictionLevel): JurisdictionLevel | null {
  return JURISDICTION_LEVELS[JURISDICTION_LEVELS.indexOf(level) + 1] ?? null;
}

export const ROLES = ['enterprise', 'grid_inspector', 'supervisor', 'assessor', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];
