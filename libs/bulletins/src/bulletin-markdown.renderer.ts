import type { BulletinModel, Segment } from './bulletin.model';

const seg = (s: Segment) => (typeof s === 'string' ? s : `${s.text}[^${s.ref}]`);
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The bulletin as Markdown; each figure carries a footnote naming its query (数据来源). */
export function renderBulletinMarkdown(b: BulletinModel): string {
  const out: string[] = [`# ${b.title}`, '', `**${b.issuer}**`, ''];
  for (const s of b.sections) {
    out.push(`## ${s.heading}`, '');
    for (const p of s.paragraphs) out.push(p.map(seg).join(''), '');
    if (s.table) {
      out.push(`| ${s.table.head.map(cell).join(' | ')} |`, `|${s.table.head.map(() => ' --- |').join('')}`);
      for (const r of s.table.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  out.push(`${b.issuer}`, '', b.dateLine, '', '## 附：数据来源 / Where each figure comes from', '');
  for (const q of b.queries) {
    const filters =
      Object.entries(q.filters)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || '（无）';
    const how = q.listUrl ? `隐患列表 \`GET ${q.listUrl}\` 的 total` : `筛选条件 ${filters}，另加 \`${q.extra}\``;
    out.push(`[^${q.id}]: ${q.id} ${q.label}：${how}`);
  }
  out.push('');
  return out.join('\n');
}
