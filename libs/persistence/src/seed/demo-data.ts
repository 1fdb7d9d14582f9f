import { creditCodeCheckChar } from '@hazards/domain/enterprise/credit-code';

/**
 * A small demo of Nantong (the seed bulletin's city): its counties and districts, a few
 * townships with grids, departments, enterprises and one user per role. Seeded by `npm start`
 * on first start; the test suites build their own trees.
 */
export const DEMO_PASSWORD = 'Demo@2026';

type J = { id: string; name: string; level: 'city' | 'county' | 'township' | 'grid'; kind: string; parent?: string };

export const DEMO_JURISDICTIONS: J[] = [
  { id: 'nantong', name: '南通市', level: 'city', kind: '市' },
  { id: 'haian', name: '海安县', level: 'county', kind: '县', parent: 'nantong' },
  { id: 'rugao', name: '如皋市', level: 'county', kind: '县级市', parent: 'nantong' },
  { id: 'rudong', name: '如东县', level: 'county', kind: '县', parent: 'nantong' },
  { id: 'qidong', name: '启东市', level: 'county', kind: '县级市', parent: 'nantong' },
  { id: 'haimen', name: '海门市', level: 'county', kind: '县级市', parent: 'nantong' },
  { id: 'tongzhou', name: '通州区', level: 'county', kind: '区', parent: 'nantong' },
  { id: 'chongchuan', name: '崇川区', level: 'county', kind: '区', parent: 'nantong' },
  { id: 'gangzha', name: '港闸区', level: 'county', kind: '区', parent: 'nantong' },
  { id: 'nt-etdz', name: '南通经济技术开发区', level: 'county', kind: '开发区', parent: 'nantong' },
  { id: 'jinsha', name: '金沙街道', level: 'township', kind: '街道', parent: 'tongzhou' },
  { id: 'shigang', name: '石港镇', level: 'township', kind: '镇', parent: 'tongzhou' },
  { id: 'juegang', name: '掘港街道', level: 'township', kind: '街道', parent: 'rudong' },
  { id: 'hepingqiao', name: '和平桥街道', level: 'township', kind: '街道', parent: 'chongchuan' },
  { id: 'jinsha-g1', name: '金沙街道第一网格', level: 'grid', kind: '网格', parent: 'jinsha' },
  { id: 'jinsha-g2', name: '金沙街道第二网格', level: 'grid', kind: '网格', parent: 'jinsha' },
  { id: 'shigang-g1', name: '石港镇第一网格', level: 'grid', kind: '网格', parent: 'shigang' },
  { id: 'juegang-g1', name: '掘港街道第一网格', level: 'grid', kind: '网格', parent: 'juegang' },
  { id: 'hepingqiao-g1', name: '和平桥街道第一网格', level: 'grid', kind: '网格', parent: 'hepingqiao' },
];

export const DEMO_DEPARTMENTS = [
  { id: 'nantong-yjj', name: '南通市应急管理局', jurisdictionId: 'nantong', email: 'yjj@nantong.example.cn' },
  { id: 'tongzhou-yjj', name: '通州区应急管理局', jurisdictionId: 'tongzhou', email: 'yjj@tongzhou.example.cn' },
  { id: 'rudong-yjj', name: '如东县应急管理局', jurisdictionId: 'rudong', email: 'yjj@rudong.example.cn' },
  { id: 'tongzhou-zjj', name: '通州区住房和城乡建设局', jurisdictionId: 'tongzhou', email: 'zjj@tongzhou.example.cn' },
];

const code = (first17: string) => first17 + creditCodeCheckChar(first17);

export const DEMO_ENTERPRISES = [
  {
    id: 'ent-jinsha-chem',
    name: '南通金沙化工有限公司',
    creditCode: code('91320612MA1N0C001'),
    gridId: 'jinsha-g1',
    industry: '危险化学品',
    principalName: '张建国',
    principalPhone: '13900000001',
    principalEmail: 'zhang@jinsha-chem.example.cn',
  },
  {
    id: 'ent-jinsha-mach',
    name: '南通金沙机械制造有限公司',
    creditCode: code('91320612MA1N0C002'),
    gridId: 'jinsha-g2',
    industry: '制造业',
    principalName: '李明',
    principalPhone: '13900000002',
    principalEmail: 'li@jinsha-mach.example.cn',
  },
  {
    id: 'ent-shigang-build',
    name: '南通石港建筑工程有限公司',
    creditCode: code('91320612MA1N0C003'),
    gridId: 'shigang-g1',
    industry: '建筑业',
    principalName: '王强',
    principalPhone: '13900000003',
    principalEmail: 'wang@shigang-build.example.cn',
  },
  {
    id: 'ent-juegang-food',
    name: '如东掘港食品有限公司',
    creditCode: code('91320623MA1N0C004'),
    gridId: 'juegang-g1',
    industry: '制造业',
    principalName: '赵丽',
    principalPhone: '13900000004',
    principalEmail: 'zhao@juegang-food.example.cn',
  },
  {
    id: 'ent-hepingqiao-mall',
    name: '南通和平桥商贸有限公司',
    creditCode: code('91320602MA1N0C005'),
    gridId: 'hepingqiao-g1',
    industry: '批发和零售业',
    principalName: '陈刚',
    principalPhone: '13900000005',
    principalEmail: 'chen@hpq-mall.example.cn',
  },
];

type U = {
  username: string;
  displayName: string;
  role: 'enterprise' | 'grid_inspector' | 'supervisor' | 'assessor' | 'admin';
  jurisdictionId?: string;
  enterpriseId?: string;
  departmentId?: string;
  isSafetyDirector?: boolean;
  email?: string;
};

export const DEMO_USERS: U[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  {
    username: 'city',
    displayName: '南通市安委办 周主任',
    role: 'supervisor',
    jurisdictionId: 'nantong',
    departmentId: 'nantong-yjj',
    email: 'city@nantong.example.cn',
  },
  {
    username: 'tongzhou',
    displayName: '通州区安监 孙科长',
    role: 'supervisor',
    jurisdictionId: 'tongzhou',
    departmentId: 'tongzhou-yjj',
    email: 'tz@tongzhou.example.cn',
  },
  {
    username: 'rudong',
    displayName: '如东县安监 吴科长',
    role: 'supervisor',
    jurisdictionId: 'rudong',
    departmentId: 'rudong-yjj',
    email: 'rd@rudong.example.cn',
  },
  { username: 'jinsha', displayName: '金沙街道安监 郑干事', role: 'supervisor', jurisdictionId: 'jinsha', email: 'js@jinsha.example.cn' },
  { username: 'shigang', displayName: '石港镇安监 冯干事', role: 'supervisor', jurisdictionId: 'shigang', email: 'sg@shigang.example.cn' },
  {
    username: 'juegang',
    displayName: '掘港街道安监 何干事',
    role: 'supervisor',
    jurisdictionId: 'juegang',
    email: 'jg@juegang.example.cn',
  },
  { username: 'grid-jinsha1', displayName: '金沙第一网格员 许', role: 'grid_inspector', jurisdictionId: 'jinsha-g1' },
  {
    username: 'ent-jinsha-chem',
    displayName: '金沙化工 安全员',
    role: 'enterprise',
    enterpriseId: 'ent-jinsha-chem',
    email: 'safety@jinsha-chem.example.cn',
  },
  {
    username: 'ent-jinsha-chem-director',
    displayName: '金沙化工 安全总监',
    role: 'enterprise',
    enterpriseId: 'ent-jinsha-chem',
    isSafetyDirector: true,
  },
  { username: 'ent-jinsha-mach', displayName: '金沙机械 安全员', role: 'enterprise', enterpriseId: 'ent-jinsha-mach' },
  { username: 'ent-juegang-food', displayName: '掘港食品 安全员', role: 'enterprise', enterpriseId: 'ent-juegang-food' },
  { username: 'assessor', displayName: '江苏安评技术服务有限公司 评价师', role: 'assessor' },
];
