import type { DataSource } from 'typeorm';
import { shanghaiDateTime } from '@hazards/domain/time/shanghai-time';
import type { AuthUser } from '@hazards/access/auth-user';
import type { ListHazardsQuery } from '@hazards/hazards/dto/list-hazards.query';
import type { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { streamingWorkbook } from './xlsx-stream';

const STATUS_ZH: Record<string, string> = {
  reported: '已上报',
  awaiting_listing: '待挂牌',
  listed: '已挂牌',
  plan_submitted: '方案待审',
  rectifying: '整改中',
  submitted: '待复核',
  closed: '已销号',
  withdrawn: '已撤销',
};
const GRADE_ZH: Record<string, string> = { general: '一般隐患', major: '重大隐患' };
const LEVEL_ZH: Record<string, string> = { township: '镇级', county: '县级', city: '市级' };
/** Asia/Shanghai, 'YYYY-MM-DD HH:mm'; empty when there is no such time. */
const local = (iso: string | null) => (iso ? shanghaiDateTime(iso) : '');

export const EXPORT_COLUMNS = [
  { header: '隐患编号', width: 38 },
  { header: '企业', width: 28 },
  { header: '企业编号', width: 18 },
  { header: '辖区', width: 30 },
  { header: '隐患来源', width: 10 },
  { header: '隐患描述', width: 48 },
  { header: '等级', width: 10 },
  { header: '挂牌级别', width: 10 },
  { header: '行业', width: 14 },
  { header: '事故类别', width: 12 },
  { header: '状态', width: 10 },
  { header: '上报时间', width: 18 },
  { header: '整改期限', width: 18 },
  { header: '是否超期', width: 8 },
  { header: '超期工作日', width: 10 },
  { header: '督办升级', width: 8 },
  { header: '延期次数', width: 8 },
  { header: '退回次数', width: 8 },
  { header: '停产', width: 6 },
  { header: '销号时间', width: 18 },
];

/**
 * Any list view as .xlsx: the same filters and order as GET /hazards (through filterSql), every
 * matching row, read in keyset pages and streamed out. (`_ds` is unused: kept while the CLI
 * calls this with its DataSource.)
 */
export function exportHazards(_ds: DataSource, hazards: HazardQueryService, user: AuthUser, q: ListHazardsQuery) {
  const { stream, sheet } = streamingWorkbook('隐患清单', EXPORT_COLUMNS);
  const done = (async () => {
    let count = 0;
    for await (const page of hazards.everyPage(user, q, 1000)) {
      for (const h of page) {
        sheet.add([
          h.id,
          h.enterpriseName ?? '',
          h.enterpriseId,
          h.jurisdictionPath,
          h.source,
          h.description,
          h.grade ? GRADE_ZH[h.grade] : '未定级',
          h.listingLevel ? LEVEL_ZH[h.listingLevel] : '',
          h.industry ?? '',
          h.accidentType ?? '',
          STATUS_ZH[h.status] ?? h.status,
          local(h.reportedAt),
          local(h.rectificationDeadline),
          h.overdue ? '是' : '否',
          h.workingDaysOverdue,
          h.escalationStage,
          h.extensionCount,
          h.rejectionCount,
          h.productionStopped ? '是' : '否',
          local(h.closedAt),
        ]);
      }
      count += page.length;
    }
    await sheet.end();
    return count;
  })();
  done.catch((err) => stream.destroy(err));
  return { stream, done };
}
