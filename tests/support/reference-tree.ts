import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { creditCodeCheckChar } from '../../libs/domain/src/enterprise/credit-code';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { seedDepartments, seedEnterprises, seedJurisdictions, seedUsers } from '../../libs/persistence/src/seed/reference-data.seeder';

export const TEST_PASSWORD = 'Test@2026!';

/**
 * A jurisdiction tree of its own for one test file (ids carry a random suffix, so files share
 * the database without seeing each other): a city with two counties, one township in each, a
 * grid and an enterprise under each township, and one user per role the tests need.
 */
export async function createReferenceTree(ds: DataSource) {
  const s = randomBytes(3).toString('hex');
  const id = {
    city: `city-${s}`, countyA: `county-a-${s}`, countyB: `county-b-${s}`, townA: `town-a-${s}`, townB: `town-b-${s}`,
    gridA: `grid-a-${s}`, gridB: `grid-b-${s}`, entA: `ent-a-${s}`, entB: `ent-b-${s}`,
  };
  const first17 = (n: number) => `9132${(Number.parseInt(s, 16) % 1e6).toString().padStart(6, '0')}MA1${n}00000`.slice(0, 17);
  const users = {
    city: `city-${s}`, countyA: `county-a-${s}`, countyB: `county-b-${s}`, townA: `town-a-${s}`, townB: `town-b-${s}`,
    entA: `ent-a-${s}`, entB: `ent-b-${s}`, entADirector: `ent-a-director-${s}`, gridA: `grid-a-${s}`, assessor: `assessor-${s}`, admin: `admin-${s}`,
  };
  await ds.transaction(async (m) => {
    await seedJurisdictions(m, [
      { id: id.city, name: `测试市${s}`, level: 'city', kind: '市' },
      { id: id.countyA, name: `甲县${s}`, level: 'county', kind: '县', parent: id.city },
      { id: id.countyB, name: `乙区${s}`, level: 'county', kind: '区', parent: id.city },
      { id: id.townA, name: `甲镇${s}`, level: 'township', kind: '镇', parent: id.countyA },
      { id: id.townB, name: `乙街道${s}`, level: 'township', kind: '街道', parent: id.countyB },
      { id: id.gridA, name: `甲镇一网格${s}`, level: 'grid', kind: '网格', parent: id.townA },
      { id: id.gridB, name: `乙街道一网格${s}`, level: 'grid', kind: '网格', parent: id.townB },
    ]);
    await seedDepartments(m, [{ id: `dept-a-${s}`, name: `甲县应急管理局${s}`, jurisdictionId: id.countyA }]);
    await seedEnterprises(m, [
      { id: id.entA, name: `甲化工有限公司${s}`, creditCode: first17(1) + creditCodeCheckChar(first17(1)), gridId: id.gridA, industry: '危险化学品', principalName: '张甲' },
      { id: id.entB, name: `乙机械有限公司${s}`, creditCode: first17(2) + creditCodeCheckChar(first17(2)), gridId: id.gridB, industry: '制造业', principalName: '李乙' },
    ]);
    await seedUsers(m, [
      { username: users.city, displayName: '市安委办', role: 'supervisor', jurisdictionId: id.city, password: TEST_PASSWORD },
      { username: users.countyA, displayName: '甲县安监', role: 'supervisor', jurisdictionId: id.countyA, departmentId: `dept-a-${s}`, password: TEST_PASSWORD },
      { username: users.countyB, displayName: '乙区安监', role: 'supervisor', jurisdictionId: id.countyB, password: TEST_PASSWORD },
      { username: users.townA, displayName: '甲镇安监', role: 'supervisor', jurisdictionId: id.townA, password: TEST_PASSWORD },
      { username: users.townB, displayName: '乙街道安监', role: 'supervisor', jurisdictionId: id.townB, password: TEST_PASSWORD },
      { username: users.gridA, displayName: '甲镇网格员', role: 'grid_inspector', jurisdictionId: id.gridA, password: TEST_PASSWORD },
      { username: users.entA, displayName: '甲化工安全员', role: 'enterprise', enterpriseId: id.entA, password: TEST_PASSWORD },
      { username: users.entADirector, displayName: '甲化工安全总监', role: 'enterprise', enterpriseId: id.entA, isSafetyDirector: true, password: TEST_PASSWORD },
      { username: users.entB, displayName: '乙机械安全员', role: 'enterprise', enterpriseId: id.entB, password: TEST_PASSWORD },
      { username: users.assessor, displayName: '安评机构', role: 'assessor', password: TEST_PASSWORD },
      { username: users.admin, displayName: '管理员', role: 'admin', password: TEST_PASSWORD },
    ]);
  });
  return { suffix: s, id, users };
}

export type ReferenceTree = Awaited<ReturnType<typeof createReferenceTree>>;

export async function openTestDataSource(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through npm test (the test stack sets it)');
  const ds = new DataSource(dataSourceOptions(url, 4));
  return ds.initialize();
}
