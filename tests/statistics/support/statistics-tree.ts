import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { creditCodeCheckChar } from '../../../libs/domain/src/enterprise/credit-code';
import { seedEnterprises, seedJurisdictions, seedUsers } from '../../../libs/persistence/src/seed/reference-data.seeder';
import { TEST_PASSWORD } from '../../support/reference-tree';

/**
 * A tree of this suite's own (random suffix): a city with a 县 (quota rule 30), a 区 (rule 25,
 * overridden for 2026 by a quota row of 3) and a 开发区 (no quota); two townships under each, a
 * grid under each township and an enterprise under each grid; supervisors at city, county and
 * township level, an enterprise user and an admin.
 */
export async function createStatisticsTree(ds: DataSource) {
  const s = randomBytes(3).toString('hex');
  const counties = [
    { id: `xian-${s}`, name: `甲县${s}`, kind: '县' },
    { id: `qu-${s}`, name: `乙区${s}`, kind: '区' },
    { id: `kfq-${s}`, name: `丙开发区${s}`, kind: '开发区' },
  ];
  const city = { id: `shi-${s}`, name: `测试市${s}`, kind: '市' };
  const towns = counties.flatMap((c) => [1, 2].map((i) => ({ id: `${c.id}-t${i}`, name: `${c.name}${i}镇`, county: c.id })));
  const grids = towns.map((t) => ({ id: `${t.id}-g`, name: `${t.name}网格`, town: t.id }));
  const n = Number.parseInt(s, 16) % 1e6;
  const code = (i: number) => {
    const first17 = `9132${String(n).padStart(6, '0')}MA2${String(i).padStart(2, '0')}000`.slice(0, 17);
    return first17 + creditCodeCheckChar(first17);
  };
  const INDUSTRIES = ['建筑业', '制造业', '危险化学品'];
  const enterprises = grids.map((g, i) => ({
    id: `ent-${i}-${s}`, name: `测试企业${i}有限公司${s}`, creditCode: code(i), gridId: g.id, industry: INDUSTRIES[i % 3], principalName: `负责人${i}`,
  }));
  const users = {
    city: `st-city-${s}`, xian: `st-xian-${s}`, qu: `st-qu-${s}`, town: `st-town-${s}`, ent0: `st-ent0-${s}`, ent1: `st-ent1-${s}`, admin: `st-admin-${s}`,
    grid: `st-grid-${s}`,
  };
  await ds.transaction(async (m) => {
    await seedJurisdictions(m, [
      { ...city, level: 'city' },
      ...counties.map((c) => ({ ...c, level: 'county' as const, parent: city.id })),
      ...towns.map((t) => ({ id: t.id, name: t.name, level: 'township' as const, kind: '镇', parent: t.county })),
      ...grids.map((g) => ({ id: g.id, name: g.name, level: 'grid' as const, kind: '网格', parent: g.town })),
    ]);
    await seedEnterprises(m, enterprises);
    await seedUsers(m, [
      { username: users.city, displayName: '市安委办', role: 'supervisor', jurisdictionId: city.id, password: TEST_PASSWORD },
      { username: users.xian, displayName: '甲县安监', role: 'supervisor', jurisdictionId: counties[0].id, password: TEST_PASSWORD },
      { username: users.qu, displayName: '乙区安监', role: 'supervisor', jurisdictionId: counties[1].id, password: TEST_PASSWORD },
      { username: users.town, displayName: '甲县1镇安监', role: 'supervisor', jurisdictionId: towns[0].id, password: TEST_PASSWORD },
      { username: users.grid, displayName: '甲县1镇网格员', role: 'grid_inspector', jurisdictionId: grids[0].id, password: TEST_PASSWORD },
      { username: users.ent0, displayName: '企业0安全员', role: 'enterprise', enterpriseId: enterprises[0].id, password: TEST_PASSWORD },
      { username: users.ent1, displayName: '企业1安全员', role: 'enterprise', enterpriseId: enterprises[1].id, password: TEST_PASSWORD },
      { username: users.admin, displayName: '管理员', role: 'admin', password: TEST_PASSWORD },
    ]);
    await m.query(`insert into listing_quotas (jurisdiction_id, year, min_listed, basis) values ($1, 2026, 3, '测试：乙区2026年任务数')`, [counties[1].id]);
  });
  return { suffix: s, city, counties, towns, grids, enterprises, users };
}

export type StatisticsTree = Awaited<ReturnType<typeof createStatisticsTree>>;
