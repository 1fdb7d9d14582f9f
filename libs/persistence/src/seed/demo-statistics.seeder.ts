import type { EntityManager } from 'typeorm';

/**
 * Demo data of the statistics: a 2026 quota for the development zone (the county-level kinds get
 * theirs from the quota rules the migration seeds: 县、县级市 30, 区 25), and a city inspection
 * campaign (安全生产大检查) with plans, a group of inspectors and a few inspections.
 */
export async function seedDemoStatistics(m: EntityManager): Promise<void> {
  await m.query(
    `insert into listing_quotas (jurisdiction_id, year, min_listed, basis) values ('nt-etdz', 2026, 10, '演示：开发区2026年挂牌督办任务数') on conflict do nothing`,
  );
  await m.query(
    `insert into inspection_campaigns (id, name, jurisdiction_id, starts_on, ends_on, created_by)
     values ('demo-campaign-2026', '2026年全市安全生产大检查', 'nantong', '2026-04-23', '2026-12-31', 'demo') on conflict do nothing`,
  );
  await m.query(
    `insert into inspection_plans (id, campaign_id, jurisdiction_id, title, created_by) values
       ('demo-plan-city', 'demo-campaign-2026', 'nantong', '南通市安全生产大检查工作方案', 'demo'),
       ('demo-plan-tongzhou', 'demo-campaign-2026', 'tongzhou', '通州区安全生产大检查工作方案', 'demo') on conflict do nothing`,
  );
  await m.query(
    `insert into inspection_groups (id, campaign_id, jurisdiction_id, name, leader_name) values
       ('demo-group-1', 'demo-campaign-2026', 'tongzhou', '通州区第一督查组', '孙科长') on conflict do nothing`,
  );
  await m.query(
    `insert into inspectors (id, group_id, name, organization) values
       ('demo-inspector-1', 'demo-group-1', '孙科长', '通州区应急管理局'),
       ('demo-inspector-2', 'demo-group-1', '钱工', '通州区应急管理局'),
       ('demo-inspector-3', 'demo-group-1', '李专家', '南通市安全生产专家库') on conflict do nothing`,
  );
  await m.query(
    `insert into inspections (id, campaign_id, group_id, enterprise_id, inspected_on, kind, findings, inspector_ids, created_by) values
       ('demo-inspection-1', 'demo-campaign-2026', null, 'ent-jinsha-chem', '2026-04-28', '企业自查', '储罐区自查', '{}', 'demo'),
       ('demo-inspection-2', 'demo-campaign-2026', 'demo-group-1', 'ent-jinsha-chem', '2026-05-06', '四不两直', '储罐区可燃气体报警器失效', '{demo-inspector-1,demo-inspector-2,demo-inspector-3}', 'demo'),
       ('demo-inspection-3', 'demo-campaign-2026', 'demo-group-1', 'ent-shigang-build', '2026-05-07', '督查', '脚手架连墙件缺失', '{demo-inspector-1,demo-inspector-3}', 'demo')
     on conflict do nothing`,
  );
}
