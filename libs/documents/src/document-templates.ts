import type { DocumentKind } from '@hazards/domain/accountability/document-kinds';

/**
 * 文书模板: the text of each document with placeholders in braces ({企业名称}), filled from the
 * hazard's facts when the document is issued. Paragraphs whose placeholders have no value (an
 * unlisted hazard has no 挂牌单位) are left out, so one template serves every case.
 */
export interface DocumentTemplate {
  title: string;
  addressee: string;
  body: string[];
}

export const DOCUMENT_TEMPLATES: Record<DocumentKind, DocumentTemplate> = {
  supervision_letter: {
    title: '重大事故隐患整改督办函',
    addressee: '{企业名称}、{牵头部门}：',
    body: [
      '{企业名称}（统一社会信用代码：{统一社会信用代码}）存在的事故隐患“{隐患描述}”（位置：{隐患位置}），已由{挂牌单位}于{挂牌日期}挂牌督办，牵头部门为{牵头部门}，督办单号{挂牌文号}。',
      '该隐患整改期限为{整改期限}。',
      '截至本函发出之日，该隐患已逾期{逾期工作日}个工作日，整改仍未完成。',
      '根据《安全生产事故隐患排查治理暂行规定》和挂牌督办有关规定，现对该隐患整改予以督办。要求：{督办要求}',
      '请于{回复期限}前将整改进展、未按期完成的原因及下一步措施书面报送{发文机关}。逾期仍未整改到位的，将依法依规约谈、通报批评并追究相关单位和人员责任。',
    ],
  },
  stoppage_recommendation: {
    title: '停产整顿建议书',
    addressee: '{挂牌单位}、{牵头部门}：',
    body: [
      '{企业名称}（统一社会信用代码：{统一社会信用代码}）存在的重大事故隐患“{隐患描述}”（位置：{隐患位置}），整改期限为{整改期限}，截至目前已逾期{逾期工作日}个工作日，经督办、约谈、通报批评仍未整改到位。',
      '依据《中华人民共和国安全生产法》第一百零二条，生产经营单位拒不执行消除事故隐患决定的，责令停产停业整顿。建议：{督办要求}',
      '请于{回复期限}前将处理决定及停产整顿落实情况书面报送{发文机关}。',
    ],
  },
  listing_notice: {
    title: '重大事故隐患挂牌督办公告',
    addressee: '',
    body: [
      '经{挂牌单位}研究决定，对{企业名称}存在的重大事故隐患实行挂牌督办，现予公告。',
      '隐患概况：{隐患描述}。',
      '挂牌督办单位：{挂牌单位}；牵头部门：{牵头部门}；督办单号：{挂牌文号}。',
      '整改期限：{整改期限}前完成整改并申请销号。整改期间，企业应落实防范措施，确保安全。',
      '欢迎社会各界监督。',
    ],
  },
  delisting_notice: {
    title: '重大事故隐患摘牌公告',
    addressee: '',
    body: [
      '{企业名称}存在的重大事故隐患“{隐患描述}”（{挂牌单位}挂牌督办，督办单号{挂牌文号}），已于{销号日期}整改完成，经逐级复核验收合格，予以销号摘牌，现予公告。',
      '牵头部门：{牵头部门}。',
    ],
  },
  penalty_decision: {
    title: '行政处罚决定书',
    addressee: '{被处罚人}：',
    body: [
      '经查，{企业名称}（统一社会信用代码：{统一社会信用代码}）存在事故隐患“{隐患描述}”，整改期限为{整改期限}。{违法行为}。',
      '依据{处罚依据}，决定给予罚款人民币{罚款金额}元的行政处罚。处罚依据文书：{依据文书}。',
      '请在收到本决定书之日起十五日内缴纳罚款。如不服本决定，可以依法申请行政复议或者提起行政诉讼。',
    ],
  },
};

/** Fills one line; null when a placeholder it needs has no value (the line is then left out). */
export function fillLine(line: string, values: Record<string, string | null | undefined>): string | null {
  let missing = false;
  const out = line.replace(/\{([^{}]+)\}/gu, (_, key: string) => {
    const v = values[key];
    if (v === null || v === undefined || v === '') {
      missing = true;
      return '';
    }
    return v;
  });
  return missing ? null : out;
}
