import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

/** UI strings: zh-CN first (the default), English beside it. `{name}` placeholders are filled by t(). */
const STRINGS = {
  appTitle: ['隐患排查治理', 'Hazard rectification'],
  appSubtitle: ['监管与企业工作台', 'Supervision and enterprise console'],
  switchLang: ['English', '中文'],
  logout: ['退出', 'Log out'],
  login: ['登录', 'Log in'],
  loginTitle: ['登录工作台', 'Log in to the console'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  loggingIn: ['正在登录…', 'Logging in…'],
  timesNote: ['时间均为北京时间（UTC+8）', 'Times are Beijing time (UTC+8)'],
  navBoard: ['监管看板', 'Overdue board'],
  navHazards: ['隐患列表', 'Hazards'],
  navPortal: ['我的隐患', 'My hazards'],
  navReport: ['上报隐患', 'Report a hazard'],
  navInbox: ['站内信', 'Inbox'],
  loading: ['加载中…', 'Loading…'],
  retry: ['重试', 'Retry'],
  back: ['返回', 'Back'],
  none: ['无', 'None'],
  all: ['全部', 'All'],
  submit: ['提交', 'Submit'],
  save: ['保存', 'Save'],
  search: ['搜索', 'Search'],
  searchPlaceholder: ['按隐患描述搜索', 'Search descriptions'],
  reset: ['重置', 'Reset'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  loadMore: ['加载更多', 'Load more'],
  notFound: ['隐患不存在或无权查看。', 'This hazard does not exist or is not visible to you.'],
  // board
  boardTitle: ['{scope} 隐患监管看板', '{scope}: overdue board'],
  boardAll: ['全部辖区', 'All jurisdictions'],
  totalHazards: ['隐患总数', 'Hazards'],
  openHazards: ['未销号', 'Open'],
  overdueHazards: ['逾期未整改', 'Overdue'],
  closedHazards: ['已销号', 'Closed'],
  closureRate: ['销号率', 'Closure rate'],
  onTimeClosureRate: ['按期销号率', 'On-time closure'],
  byStatus: ['按状态', 'By status'],
  byListingLevel: ['按挂牌级别', 'By listing level'],
  byRegion: ['按下级辖区（问题最多的在前）', 'By region one level down (worst first)'],
  region: ['辖区', 'Region'],
  total: ['总数', 'Total'],
  open: ['未销号', 'Open'],
  overdue: ['逾期', 'Overdue'],
  closed: ['已销号', 'Closed'],
  overdueList: ['逾期隐患清单', 'Overdue hazards'],
  overdueListEmpty: ['没有逾期隐患。', 'No overdue hazards.'],
  enterprise: ['企业', 'Enterprise'],
  description: ['隐患描述', 'Description'],
  grade: ['等级', 'Grade'],
  listingLevel: ['挂牌级别', 'Listing level'],
  deadline: ['整改期限', 'Rectification deadline'],
  currentDeadline: ['当前期限', 'Current deadline'],
  provisional: ['暂定', 'provisional'],
  provisionalTooltip: ['该期限落在尚未公布国务院放假安排的年份，按农历估算法定节假日，暂定；放假安排载入后将自动重新计算。', 'This deadline falls in a year whose State Council holiday notice is not out yet: it counts the statutory holidays estimated from the lunar calendar and is recomputed when the notice is loaded.'],
  calendarBanner: ['工作日历提示', 'Working-day calendar'],
  calendarBannerHint: ['相关期限标注为“暂定”，管理员载入放假安排后将自动重新计算。', 'Such deadlines are marked “provisional” and are recomputed once an admin loads the notice.'],
  workingDaysOverdue: ['逾期工作日', 'Working days overdue'],
  escalationStage: ['升级阶段', 'Escalation stage'],
  stageN: ['第{n}级', 'Stage {n}'],
  stage0: ['未升级', 'Not escalated'],
  chartTrend: ['逾期隐患周趋势', 'Overdue hazards by week'],
  chartTrendOverdue: ['周末逾期数', 'Overdue at week end'],
  chartTrendNew: ['本周新增逾期', 'Became overdue'],
  chartTrendClosed: ['本周销号', 'Closed'],
  chartAccident: ['按事故类别', 'By accident type'],
  chartClosure: ['各辖区销号率', 'Closure rate by region'],
  ungraded: ['未定级', 'Not graded'],
  unlisted: ['未挂牌', 'Not listed'],
  filterRegion: ['辖区', 'Region'],
  filterIndustry: ['行业', 'Industry'],
  filterAccident: ['事故类别', 'Accident type'],
  filterStatus: ['状态', 'Status'],
  workQueue: ['我的待办', 'My work queue'],
  wqToGrade: ['待定级', 'To grade'],
  wqToList: ['待挂牌', 'To list'],
  wqPlans: ['方案待审', 'Plans to decide'],
  wqExtensions: ['延期待批', 'Extensions to decide'],
  wqReviews: ['待复核', 'Reviews due'],
  wqOverdue: ['逾期', 'Overdue'],
  wqPlanDue: ['待提交方案', 'Plan due'],
  wqRectifying: ['整改中', 'Rectifying'],
  wqVerification: ['待验收', 'To verify'],
  // hazard page
  hazardRecord: ['隐患档案', 'Record'],
  status: ['状态', 'Status'],
  source: ['来源', 'Source'],
  location: ['位置', 'Location'],
  reportedAt: ['上报时间', 'Reported'],
  reportedBy: ['上报人', 'Reported by'],
  accidentType: ['事故类别', 'Accident type'],
  industry: ['行业', 'Industry'],
  criterion: ['判定依据', 'Criterion'],
  productionStopped: ['停产', 'Production stopped'],
  extensionsCount: ['延期次数', 'Extensions'],
  rejections: ['复核退回次数', 'Rejections'],
  closedAt: ['销号时间', 'Closed'],
  evidence: ['照片与证据', 'Photos and evidence'],
  noEvidence: ['暂无照片或证据。', 'No photos or evidence yet.'],
  plan: ['治理方案', 'Rectification plan'],
  noPlan: ['尚未提交治理方案。', 'No plan submitted yet.'],
  interimMeasures: ['防范措施', 'Interim measures'],
  stopScope: ['停产范围', 'Scope of stoppage'],
  listing: ['挂牌督办', 'Listing'],
  authority: ['挂牌单位', 'Listing authority'],
  leadDepartment: ['牵头部门', 'Lead department'],
  orderNumber: ['督办文号', 'Order number'],
  publishedAt: ['公布时间', 'Published'],
  extensions: ['延期', 'Extensions'],
  reviews: ['复核', 'Reviews'],
  awaitingReviewAt: ['等待{level}复核，期限 {due}', 'Awaiting the {level} review, due {due}'],
  escalations: ['逾期升级与督办', 'Escalations'],
  timeline: ['办理时间线', 'Timeline'],
  actor: ['办理人', 'By'],
  system: ['系统', 'System'],
  actions: ['可办理的操作', 'Actions you can take now'],
  noActions: ['当前无需您办理。', 'Nothing for you to do now.'],
  nextStep: ['下一步', 'Next step'],
  due: ['期限', 'Due'],
  overdueBadge: ['逾期{n}个工作日', '{n} working days overdue'],
  // forms
  gradeAction: ['定级', 'Grade'],
  gradeGeneral: ['一般隐患', 'General'],
  gradeMajor: ['重大隐患', 'Major'],
  generalMode: ['整改方式', 'How it is fixed'],
  generalImmediate: ['立即整改', 'Immediately'],
  generalShort: ['限期整改', 'With a short deadline'],
  criterionStandard: ['判定标准', 'Criterion standard'],
  criterionItem: ['判定条款', 'Criterion item'],
  cause: ['原因', 'Cause'],
  listAction: ['挂牌督办', 'List for supervision'],
  deadlineWorkingDays: ['整改期限（工作日，可选）', 'Deadline in working days (optional)'],
  planDecision: ['审核治理方案', 'Decide the plan'],
  approve: ['批准', 'Approve'],
  returnPlan: ['退回', 'Return'],
  refuse: ['不批准', 'Refuse'],
  reason: ['理由', 'Reason'],
  extensionDecision: ['审批延期', 'Decide the extension'],
  approvedWorkingDays: ['批准天数（工作日）', 'Approved working days'],
  reviewAction: ['复核（{level}）', 'Review ({level})'],
  pass: ['通过', 'Pass'],
  reject: ['退回整改', 'Reject'],
  withdrawAction: ['撤销（重复或不实）', 'Withdraw (duplicate or false)'],
  withdrawDuplicate: ['重复上报', 'Duplicate'],
  withdrawFalse: ['不实', 'False report'],
  duplicateOf: ['重复的隐患编号', 'Duplicate of hazard id'],
  submitPlan: ['提交治理方案', 'Submit the plan'],
  uploadEvidence: ['上传照片或证据', 'Upload photos or evidence'],
  takePhoto: ['拍照或选择照片', 'Take or choose photos'],
  chooseFiles: ['文件（PDF、DOCX、XLSX）', 'Documents (PDF, DOCX, XLSX)'],
  chooseFilesButton: ['选择文件', 'Choose files'],
  upload: ['上传', 'Upload'],
  uploaded: ['已上传 {n} 个文件', '{n} file(s) uploaded'],
  requestExtension: ['申请延期', 'Request an extension'],
  workingDays: ['延期天数（工作日）', 'Working days'],
  completion: ['整改完成，申请销号', 'Confirm the fix and apply for sign-off'],
  completionEvidence: ['随附证据', 'Evidence to attach'],
  assessmentBy: ['评估方式', 'Assessed by'],
  assessSelf: ['本单位专家', 'Our own experts'],
  assessThird: ['第三方评价机构', 'A third-party assessor'],
  assessorName: ['评价机构名称', 'Assessor'],
  conclusion: ['评估结论', 'Conclusion'],
  summary: ['整改情况说明', 'Summary of the fix'],
  productionStopQuestion: ['整改期间是否停产', 'Stop production during rectification'],
  done: ['已办理。', 'Done.'],
  reportTitle: ['上报隐患（企业自查）', 'Report a hazard (self-inspection)'],
  reportSubmit: ['上报', 'Report'],
  photos: ['现场照片', 'Photos'],
  photosHint: ['手机上可直接拍照', 'On a phone this opens the camera'],
  reportedOk: ['已上报。', 'Reported.'],
  photoUploadFailed: ['隐患已上报，但照片上传失败：{msg}。请在隐患页面重新上传。', 'The hazard was reported, but the photos failed to upload: {msg}. Upload them again on the hazard page.'],
  portalTitle: ['{name}：我的隐患', '{name}: my hazards'],
  portalEmpty: ['暂无隐患。', 'No hazards.'],
  inboxTitle: ['站内信', 'Inbox'],
  inboxEmpty: ['暂无消息。', 'No messages.'],
  inboxUnavailable: ['站内信服务暂未开通（{msg}）。', 'The inbox is not available yet ({msg}).'],
  markRead: ['标为已读', 'Mark as read'],
  markAllRead: ['全部标为已读', 'Mark all as read'],
  unread: ['未读', 'Unread'],
  openHazard: ['查看隐患', 'Open the hazard'],
  hazardList: ['隐患列表', 'Hazards'],
  nResults: ['共 {n} 条', '{n} in all'],
  requiredMark: ['必填', 'required'],
  noFileChosen: ['未选择文件', 'No file chosen'],
  filesChosen: ['已选择 {n} 个文件', '{n} file(s) chosen'],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof STRINGS;

const LABELS: Record<string, Record<string, readonly [string, string]>> = {
  status: {
    reported: ['待定级', 'Reported'],
    awaiting_listing: ['待挂牌', 'Awaiting listing'],
    listed: ['已挂牌，待报方案', 'Listed, plan due'],
    plan_submitted: ['方案待审', 'Plan submitted'],
    rectifying: ['整改中', 'Rectifying'],
    submitted: ['已申请销号，复核中', 'Under review'],
    closed: ['已销号', 'Closed'],
    withdrawn: ['已撤销', 'Withdrawn'],
  },
  grade: { general: ['一般隐患', 'General'], major: ['重大隐患', 'Major'] },
  level: {
    city: ['市级', 'City'], county: ['县级', 'County'], township: ['镇级', 'Township'], grid: ['网格', 'Grid'],
    verification: ['核查', 'Verification'], province: ['省级', 'Province'], none: ['未挂牌', 'Not listed'],
  },
  source: {
    企业自查: ['企业自查', 'Self-inspection'], 监督检查: ['监督检查', 'Supervisory inspection'], 督查: ['督查', 'Oversight inspection'],
    四不两直: ['四不两直', 'Unannounced inspection'], 专家检查: ['专家检查', 'Expert inspection'], 暗访: ['暗访', 'Covert visit'],
    举报: ['举报', 'Public report'], 网格巡查: ['网格巡查', 'Grid patrol'],
  },
  accident: {
    物体打击: ['物体打击', 'Struck by object'], 车辆伤害: ['车辆伤害', 'Vehicle injury'], 机械伤害: ['机械伤害', 'Machinery injury'],
    起重伤害: ['起重伤害', 'Lifting injury'], 触电: ['触电', 'Electric shock'], 淹溺: ['淹溺', 'Drowning'], 灼烫: ['灼烫', 'Burns and scalds'],
    火灾: ['火灾', 'Fire'], 高处坠落: ['高处坠落', 'Fall from height'], 坍塌: ['坍塌', 'Collapse'], 冒顶片帮: ['冒顶片帮', 'Roof or rib fall'],
    透水: ['透水', 'Water inrush'], 放炮: ['放炮', 'Blasting'], 火药爆炸: ['火药爆炸', 'Explosive blast'], 瓦斯爆炸: ['瓦斯爆炸', 'Gas explosion'],
    锅炉爆炸: ['锅炉爆炸', 'Boiler explosion'], 容器爆炸: ['容器爆炸', 'Vessel explosion'], 其他爆炸: ['其他爆炸', 'Other explosion'],
    中毒和窒息: ['中毒和窒息', 'Poisoning and asphyxia'], 其他伤害: ['其他伤害', 'Other injury'],
  },
  step: {
    reported: ['上报', 'Reported'], graded: ['定级', 'Graded'], listed: ['挂牌督办', 'Listed'], 'plan.submitted': ['提交治理方案', 'Plan submitted'],
    'plan.approved': ['方案审核通过', 'Plan approved'], 'plan.returned': ['方案退回', 'Plan returned'],
    'extension.requested': ['申请延期', 'Extension requested'], 'extension.approved': ['延期批准', 'Extension approved'],
    'extension.refused': ['延期不批准', 'Extension refused'], 'completion.submitted': ['整改完成，申请销号', 'Completion submitted'],
    'review.passed': ['复核通过', 'Review passed'], 'review.rejected': ['复核退回', 'Review rejected'], closed: ['销号', 'Closed (signed off)'],
    withdrawn: ['撤销', 'Withdrawn'], 'production.stopped': ['停产', 'Production stopped'], 'production.resumed': ['恢复生产', 'Production resumed'],
    'accident.linked': ['关联事故', 'Accident linked'], 'penalty.recorded': ['行政处罚', 'Penalty recorded'], reminder: ['到期提醒', 'Reminder sent'],
    escalation: ['逾期升级', 'Escalation'], 'accountability.traced': ['责任倒查', 'Responsibility traced'],
    deadline_recomputed: ['期限重新计算', 'Deadlines recomputed'],
  },
  deadlineKind: { plan: ['治理方案', 'plan'], rectification: ['整改', 'rectification'], review: ['复核', 'review'] },
  escalationKind: {
    overdue_ladder: ['逾期升级', 'Overdue ladder'], review_window_missed: ['复核超期', 'Review window missed'], plan_overdue: ['方案逾期', 'Plan overdue'],
    extension_decision_overdue: ['延期审批超期', 'Extension decision overdue'], repeated_extension: ['多次延期', 'Repeated extensions'],
  },
  action: {
    relist_up: ['升级挂牌督办', 'Relist one level up'], supervision_letter: ['发督办函', 'Supervision letter'], interview: ['约谈', 'Interview'],
    public_criticism: ['通报批评', 'Public criticism'], stoppage_recommendation: ['建议停产整顿', 'Stoppage recommendation'],
  },
  decision: { approve: ['批准', 'approved'], return: ['退回', 'returned'], refuse: ['不批准', 'refused'], pass: ['通过', 'passed'], reject: ['退回', 'rejected'] },
  planPart: {
    goalAndTasks: ['治理的目标和任务', 'Goal and tasks'], methodsAndMeasures: ['采取的方法和措施', 'Methods and measures'],
    fundsAndMaterials: ['经费和物资的落实', 'Funds and materials'], responsibleBodyAndPeople: ['负责治理的机构和人员', 'Responsible body and people'],
    timeLimitAndRequirements: ['治理的时限和要求', 'Time limit and requirements'], safetyMeasuresAndEmergencyPlan: ['安全措施和应急预案', 'Safety measures and emergency plan'],
  },
  nextStep: {
    reported: ['等待监管部门定级', 'Waiting for grading'], awaiting_listing: ['等待挂牌督办', 'Waiting for listing'],
    listed: ['提交治理方案', 'Submit the rectification plan'], plan_submitted: ['等待方案审核', 'Waiting for the plan decision'],
    rectifying: ['整改，上传证据，申请销号', 'Fix it, upload evidence, apply for sign-off'], submitted: ['等待复核', 'Waiting for review'],
    closed: ['已销号', 'Closed'], withdrawn: ['已撤销', 'Withdrawn'],
  },
  role: { supervisor: ['监管人员', 'Supervisor'], grid_inspector: ['网格员', 'Grid inspector'], enterprise: ['企业', 'Enterprise'], assessor: ['评价机构', 'Assessor'], admin: ['管理员', 'Administrator'], system: ['系统', 'System'] },
};

export type LabelKind = keyof typeof LABELS & string;

export function translate(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  const s = STRINGS[key][lang === 'zh' ? 0 : 1];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A vocabulary value in the user's language (the value itself when unknown). */
export function labelOf(lang: Lang, kind: string, value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const pair = LABELS[kind]?.[value];
  return pair ? pair[lang === 'zh' ? 0 : 1] : value;
}

export function labelValues(kind: string): string[] {
  return Object.keys(LABELS[kind] ?? {});
}

/** Server texts written `中文 / English` (reasons, DTO messages): the part in the user's language. */
export function bilingual(lang: Lang, text: string | null | undefined): string {
  if (!text) return '';
  const i = text.indexOf(' / ');
  if (i < 0) return text;
  return lang === 'zh' ? text.slice(0, i) : text.slice(i + 3);
}

export interface I18n {
  lang: Lang;
  t: (key: StringKey, vars?: Record<string, string | number>) => string;
  label: (kind: string, value: string | null | undefined) => string;
  setLang: (l: Lang) => void;
}

export const I18nContext = createContext<I18n>({
  lang: 'zh',
  t: (k, v) => translate('zh', k, v),
  label: (k, v) => labelOf('zh', k, v),
  setLang: () => undefined,
});

export const useI18n = () => useContext(I18nContext);
