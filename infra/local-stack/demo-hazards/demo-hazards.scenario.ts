import type { AccidentType, HazardSource } from '@hazards/domain/hazard/vocabulary';

/**
 * The first start's living demo: about fifty hazards of the Nantong demo in every state, each
 * made by the demo users through the lifecycle's own actions (the API's routes). Most run on the
 * real calendar and stay where they are left; those marked `demoClock` run on the demo policy
 * (DEMO_POLICY: a working day lasts 5 seconds), so that within the first minute they fall overdue and
 * the board, the charts and the inboxes show escalations, and keep escalating for a few minutes.
 */
export interface DemoHazard {
  key: string;
  enterpriseId: string;
  /** The demo user who reports it (registration as POST /hazards does it). */
  reporter: string;
  source: HazardSource;
  description: string;
  location?: string;
  demoClock?: true;
  /** Lifecycle actions in order, each through the API as that user. */
  actions: DemoAction[];
}

export interface DemoAction {
  as: string;
  /** The route under /hazards/:id, e.g. 'grade', 'listing', 'plan', 'plan/decision', 'completion', 'reviews', 'withdrawal'. */
  route: string;
  body: Record<string, unknown>;
}

type Ent = { id: string; user?: string; township: string; county: string; grid?: string; industry: string };

/** The demo enterprises, who acts for them, and their regions (libs/persistence/src/seed/demo-data.ts). */
const ENTS = {
  chem: {
    id: 'ent-jinsha-chem',
    user: 'ent-jinsha-chem',
    township: 'jinsha',
    county: 'tongzhou',
    grid: 'grid-jinsha1',
    industry: '危险化学品',
  },
  mach: { id: 'ent-jinsha-mach', user: 'ent-jinsha-mach', township: 'jinsha', county: 'tongzhou', industry: '制造业' },
  build: { id: 'ent-shigang-build', township: 'shigang', county: 'tongzhou', industry: '建筑业' },
  food: { id: 'ent-juegang-food', user: 'ent-juegang-food', township: 'juegang', county: 'rudong', industry: '制造业' },
  mall: { id: 'ent-hepingqiao-mall', township: 'city', county: 'city', industry: '批发和零售业' },
} satisfies Record<string, Ent>;

const AUTHORITY: Record<string, { authority: string; leadDepartment: string }> = {
  jinsha: { authority: '南通市通州区金沙街道办事处', leadDepartment: '金沙街道安监中队' },
  shigang: { authority: '南通市通州区石港镇人民政府', leadDepartment: '石港镇安监中队' },
  juegang: { authority: '如东县掘港街道办事处', leadDepartment: '掘港街道安监中队' },
  tongzhou: { authority: '南通市通州区人民政府', leadDepartment: '通州区应急管理局' },
  rudong: { authority: '如东县人民政府', leadDepartment: '如东县应急管理局' },
  city: { authority: '南通市人民政府', leadDepartment: '南通市应急管理局' },
};

const PLAN = {
  plan: {
    goalAndTasks: '消除隐患，恢复设施完好',
    methodsAndMeasures: '停用、检修、更换并验收',
    fundsAndMaterials: '企业自筹5万元，物资已备',
    responsibleBodyAndPeople: '设备部负责，主要负责人督办',
    timeLimitAndRequirements: '在挂牌期限内完成并申请销号',
    safetyMeasuresAndEmergencyPlan: '设警戒区，专人监护，预案已演练',
  },
  interimMeasures: '设置警戒区，禁止无关人员进入',
  productionStopped: false,
};

const grade = (e: Ent, accidentType: AccidentType, generalMode: 'immediate' | 'short' = 'short', as = e.township): DemoAction => ({
  as,
  route: 'grade',
  body: { grade: 'general', accidentType, industry: e.industry, generalMode },
});
const gradeMajor = (e: Ent, accidentType: AccidentType, item: string, as = e.county): DemoAction => ({
  as,
  route: 'grade',
  body: { grade: 'major', accidentType, industry: e.industry, criterion: { standard: '工贸企业重大事故隐患判定标准(2023)', item } },
});
/** The listing at a level, by that level's demo supervisor (the city lists for 崇川, which has no county user). */
const list = (e: Ent, level: 'township' | 'county' | 'city', deadlineWorkingDays?: number): DemoAction => {
  const as = level === 'city' ? 'city' : level === 'county' ? e.county : e.township;
  return { as, route: 'listing', body: { level, ...AUTHORITY[as], ...(deadlineWorkingDays ? { deadlineWorkingDays } : {}) } };
};
const plan = (e: Ent): DemoAction => ({ as: e.user!, route: 'plan', body: PLAN });
const approvePlan = (as: string): DemoAction => ({ as, route: 'plan/decision', body: { decision: 'approve' } });
/** Evidence is uploaded first (the seeder fills in its id). */
const completion = (e: Ent, major = false): DemoAction => ({
  as: e.user!,
  route: 'completion',
  body: { summary: '已整改完毕', ...(major ? { assessment: { by: 'self', conclusion: '经本单位技术人员评估，隐患已消除' } } : {}) },
});
const review = (as: string): DemoAction => ({ as, route: 'reviews', body: { result: 'pass', reason: '现场复核合格' } });
const withdraw = (as: string, reason: string): DemoAction => ({ as, route: 'withdrawal', body: { kind: 'false', reason } });

type Level = 'township' | 'county' | 'city';

// How far a hazard got: each stage is the one before it plus the next action.
/** A general hazard graded and its completion submitted. */
const completedGeneral = (e: Ent, accidentType: AccidentType, mode?: 'immediate' | 'short') => [
  grade(e, accidentType, mode),
  completion(e),
];
/** A major hazard graded (by the city when the city lists it, else by the county) and listed at `level`. */
const listed = (e: Ent, accidentType: AccidentType, item: string, level: Level, deadlineWorkingDays?: number) => [
  gradeMajor(e, accidentType, item, level === 'city' ? 'city' : e.county),
  list(e, level, deadlineWorkingDays),
];
/** Listed, its plan submitted and approved by `approver`: rectifying. */
const rectifying = (e: Ent, accidentType: AccidentType, item: string, level: Level, approver: string, deadlineWorkingDays?: number) => [
  ...listed(e, accidentType, item, level, deadlineWorkingDays),
  plan(e),
  approvePlan(approver),
];
/** Rectifying, then its completion submitted with the enterprise's own assessment. */
const completedMajor = (e: Ent, accidentType: AccidentType, item: string, level: Level, approver: string) => [
  ...rectifying(e, accidentType, item, level, approver),
  completion(e, true),
];

const h = (
  key: string,
  e: Ent,
  reporter: string,
  source: HazardSource,
  description: string,
  actions: DemoAction[],
  extra: Partial<DemoHazard> = {},
): DemoHazard => ({ key, enterpriseId: e.id, reporter, source, description, actions, ...extra });

const { chem, mach, build, food, mall } = ENTS;

export const DEMO_HAZARDS: DemoHazard[] = [
  // 已上报，待定级 (reported)
  h('r1', chem, 'grid-jinsha1', '网格巡查', '储罐区防火堤排水阀常开', []),
  h('r2', mach, 'jinsha', '监督检查', '冲压车间光电保护装置被短接', []),
  h('r3', build, 'shigang', '督查', '脚手架连墙件缺失', [], { location: '石港镇安置房3号楼' }),
  h('r4', food, 'ent-juegang-food', '企业自查', '冷库氨制冷机房泄漏报警器未校验', []),
  h('r5', mall, 'city', '四不两直', '商场疏散通道堆放货物', []),
  h('r6', food, 'juegang', '举报', '油炸车间排烟管道积油未清理', []),

  // 一般隐患，限期整改中 (rectifying, general)
  h('g1', chem, 'ent-jinsha-chem', '企业自查', '装卸区静电接地夹损坏', [grade(chem, '火灾')]),
  h('g2', mach, 'ent-jinsha-mach', '企业自查', '行车吊钩防脱钩装置缺失', [grade(mach, '起重伤害')]),
  h('g3', build, 'shigang', '监督检查', '施工现场临时用电未设漏电保护', [grade(build, '触电')]),
  h('g4', food, 'ent-juegang-food', '企业自查', '配电房挡鼠板缺失', [grade(food, '触电')]),
  h('g5', mall, 'city', '暗访', '消防控制室值班人员无证上岗', [grade(mall, '火灾')]),
  h('g6', chem, 'grid-jinsha1', '网格巡查', '洗眼器水压不足', [grade(chem, '灼烫')]),

  // 重大隐患，待挂牌 (awaiting listing)
  h('a1', mach, 'tongzhou', '专家检查', '粉尘涉爆除尘系统未设泄爆装置', [gradeMajor(mach, '其他爆炸', '第十条')]),
  h('a2', food, 'rudong', '监督检查', '涉氨制冷车间人员密集未隔离', [gradeMajor(food, '中毒和窒息', '第八条')]),
  h('a3', mall, 'city', '督查', '自动喷水灭火系统瘫痪', [gradeMajor(mall, '火灾', '第四条')]),

  // 挂牌督办，待提交方案 (listed at each level)
  h('l1', chem, 'jinsha', '监督检查', '甲类仓库可燃气体探测器失效', listed(chem, '火灾', '第四条', 'township')),
  h('l2', build, 'shigang', '督查', '深基坑未按方案支护', listed(build, '坍塌', '第六条', 'township')),
  h('l3', mach, 'tongzhou', '四不两直', '有限空间作业未落实审批', listed(mach, '中毒和窒息', '第五条', 'county')),
  h('l4', food, 'rudong', '专家检查', '液氨储罐安全阀超期未检', listed(food, '容器爆炸', '第八条', 'county')),
  h('l5', chem, 'city', '督查', '重点监管工艺未实现自动化控制', listed(chem, '其他爆炸', '第二条', 'city')),
  h('l6', mall, 'city', '四不两直', '中庭防火卷帘无法联动', listed(mall, '火灾', '第四条', 'city')),

  // 方案已提交 (plan submitted)
  h('p1', chem, 'ent-jinsha-chem', '企业自查', '反应釜紧急切断阀失效', [...listed(chem, '容器爆炸', '第二条', 'county'), plan(chem)]),
  h('p2', food, 'ent-juegang-food', '企业自查', '包装车间粉尘清扫制度未落实', [
    ...listed(food, '其他爆炸', '第十条', 'township'),
    plan(food),
  ]),

  // 重大隐患整改中 (rectifying, major)
  h('m1', mach, 'tongzhou', '监督检查', '铸造车间熔炼炉冷却水无断水报警', rectifying(mach, '灼烫', '第九条', 'county', 'tongzhou')),
  h('m2', chem, 'jinsha', '专家检查', '危化品仓库超量储存', rectifying(chem, '火灾', '第三条', 'township', 'jinsha')),
  h('m3', food, 'rudong', '督查', '制冷机房未设机械通风', rectifying(food, '中毒和窒息', '第八条', 'county', 'rudong')),

  // 已申请销号，待复核 (submitted)
  h('s1', chem, 'ent-jinsha-chem', '企业自查', '输送泵机械密封渗漏', completedGeneral(chem, '中毒和窒息')),
  h('s2', mach, 'ent-jinsha-mach', '企业自查', '砂轮机防护罩缺失', completedGeneral(mach, '机械伤害')),
  h('s3', food, 'juegang', '监督检查', '叉车未年检', completedGeneral(food, '车辆伤害')),
  h('s4', chem, 'tongzhou', '监督检查', '罐区围堰破损', completedMajor(chem, '火灾', '第三条', 'county', 'tongzhou')),
  h('s5', food, 'juegang', '专家检查', '氨压缩机联锁装置摘除', completedMajor(food, '中毒和窒息', '第八条', 'township', 'juegang')),

  // 已销号 (closed)
  h('c1', chem, 'ent-jinsha-chem', '企业自查', '消防水泵房应急照明损坏', [
    ...completedGeneral(chem, '火灾', 'immediate'),
    review('jinsha'),
  ]),
  h('c2', chem, 'grid-jinsha1', '网格巡查', '办公楼灭火器过期', [...completedGeneral(chem, '火灾', 'immediate'), review('jinsha')]),
  h('c3', mach, 'ent-jinsha-mach', '企业自查', '车间安全通道标线磨损', [
    ...completedGeneral(mach, '其他伤害', 'immediate'),
    review('jinsha'),
  ]),
  h('c4', mach, 'jinsha', '监督检查', '气瓶未固定', [...completedGeneral(mach, '容器爆炸'), review('jinsha')]),
  h('c5', food, 'ent-juegang-food', '企业自查', '蒸汽管道保温层脱落', [...completedGeneral(food, '灼烫', 'immediate'), review('juegang')]),
  h('c6', food, 'juegang', '四不两直', '员工未佩戴防护手套操作切割机', [
    ...completedGeneral(food, '机械伤害', 'immediate'),
    review('juegang'),
  ]),
  h('c7', chem, 'jinsha', '督查', '装置区安全阀铅封缺失', [
    ...completedMajor(chem, '容器爆炸', '第二条', 'township', 'jinsha'),
    review('jinsha'),
  ]),
  h('c8', food, 'rudong', '专家检查', '速冻间氨管道腐蚀', [
    ...completedMajor(food, '中毒和窒息', '第八条', 'county', 'rudong'),
    review('juegang'),
    review('rudong'),
  ]),

  // 已撤销 (withdrawn)
  h('w1', mach, 'ent-jinsha-mach', '企业自查', '厂区路灯不亮（非安全隐患）', [withdraw('jinsha', '经核实不属于事故隐患')]),
  h('w2', build, 'shigang', '举报', '工地夜间施工扰民', [withdraw('shigang', '举报内容不属于安全生产事故隐患')]),
  h('w3', food, 'juegang', '网格巡查', '仓库门口积水', [withdraw('juegang', '经现场核实已自行清理，不构成隐患')]),

  // 演示时钟：一分钟内逾期并升级 (on the demo clock: overdue and escalating within the first minute)
  ...[
    h('d1', chem, 'grid-jinsha1', '网格巡查', '液碱储罐液位计损坏', [grade(chem, '灼烫', 'immediate')]),
    h('d2', mach, 'jinsha', '监督检查', '剪板机防护栏缺失', [grade(mach, '机械伤害', 'immediate')]),
    h('d3', build, 'shigang', '监督检查', '塔吊限位器失灵', [grade(build, '起重伤害', 'immediate')]),
    h('d4', food, 'juegang', '暗访', '锅炉房压力表超期未检', [grade(food, '锅炉爆炸', 'immediate')]),
    h('d5', mall, 'city', '暗访', '地下车库排烟风机故障', [grade(mall, '火灾', 'immediate')]),
    h('d6', chem, 'tongzhou', '督查', '光气化装置未设紧急停车系统', rectifying(chem, '中毒和窒息', '第二条', 'township', 'jinsha', 1)),
    h('d7', food, 'rudong', '督查', '氨制冷机房未设事故排风', rectifying(food, '中毒和窒息', '第八条', 'county', 'rudong', 1)),
    h('d8', build, 'tongzhou', '四不两直', '高支模未经专家论证', listed(build, '坍塌', '第六条', 'county', 2)),
    h('d9', mach, 'jinsha', '举报', '喷漆房通风设施停用', []),
    h('d10', chem, 'ent-jinsha-chem', '企业自查', '可燃气体报警仪未标定', completedGeneral(chem, '火灾', 'immediate')),
    h('d11', mall, 'city', '督查', '人员密集场所安全出口锁闭', [gradeMajor(mall, '火灾', '第四条')]),
  ].map((d): DemoHazard => ({ ...d, demoClock: true })),
];
