import type { DataSource } from 'typeorm';

// Building blocks of generated descriptions: place + thing + defect (+ detail), about 30 × 30 × 25
// × 8 combinations, so an enterprise's reports share places and words the way real ones do.
const PLACES = ['1号车间', '2号车间', '3号仓库', '2#罐区', '甲类仓库', '配电房', '锅炉房', '空压机房', '喷漆房', '冲压车间', '砂光车间',
  '抛光车间', '氨机房', '1号冷库', '污水调节池', '装卸站台', '合成车间', '包装车间', '成品仓库', '原料仓库', '办公楼二楼', '职工食堂',
  '宿舍楼', '3号楼', '地下室基坑', '外脚手架', '消防控制室', '加油区', '发酵车间', '机修间'];
const THINGS = ['可燃气体报警器', '安全出口', '室内消火栓', '灭火器', '配电箱', '电气线路', '传动部位防护罩', '安全阀', '压力表', '叉车', '桥式起重机',
  '储气罐', '泄爆装置', '布袋除尘器', '应急照明灯', '疏散指示标志', '常闭式防火门', '静电接地装置', '临边防护栏杆', '呼吸阀', '液位计',
  '有限空间入口', '动火作业', '特种作业人员', '安全警示标志', '排风设施', '紧急洗眼器', '氧气乙炔气瓶', '照明灯具', '漏电保护器'];
const DEFECTS = ['失效', '损坏', '被杂物堵塞', '超期未检验', '缺失', '私拉乱接', '未接地', '超期未校验', '锈蚀严重', '不能正常使用', '未设置',
  '被遮挡', '未办理审批手续', '无证上岗', '老化破损', '设置不规范', '数量不足', '未按规定配备', '压力不足', '处于关闭状态', '未采用防爆型',
  '未定期维护保养', '无检验合格标志', '标识不清', '未与风机联锁'];
const DETAILS = ['', '', '', '，存在安全隐患', '，易引发火灾', '，不符合国家标准要求', '，企业未及时整改', '，现场未采取防范措施'];
const SOURCES = ['企业自查', '监督检查', '督查', '四不两直', '专家检查', '暗访', '举报', '网格巡查'];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/**
 * A read model of `hazards` rows with Chinese descriptions and locations spread over 400 days and
 * ENTERPRISES enterprises. Reports per enterprise are skewed (enterprise k ≈ ENTERPRISES·r², r
 * uniform): the median enterprise has a handful, the largest a few thousand, as a big chemical
 * complex that self-inspects daily would. The generated duplicate columns are computed on insert,
 * as they are for real reports.
 */
export async function seedHazardText(owner: DataSource, hazards: number, enterprises: number): Promise<void> {
  await owner.query('set statement_timeout = 0');
  const batch = 100_000;
  for (let from = 1; from <= hazards; from += batch) {
    const to = Math.min(hazards, from + batch - 1);
    await owner.query(`
      insert into hazards (id, status, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source,
        description, reported_at, closed_at, policy_version, last_seq, detail)
      select md5(i::text)::uuid::text, s.status, 'e-' || floor(${enterprises} * r1 * r1)::int,
        '/c1/c1-k1/c1-k1-t1/c1-k1-t1-g1/', 'c1', 'c1-k1', 'c1-k1-t1', 'c1-k1-t1-g1',
        (${arr(SOURCES)})[1 + (i % ${SOURCES.length})],
        p.place || (${arr(THINGS)})[1 + floor(r3 * ${THINGS.length})::int] || (${arr(DEFECTS)})[1 + floor(r4 * ${DEFECTS.length})::int]
          || (${arr(DETAILS)})[1 + (i % ${DETAILS.length})],
        x.reported_at, case when s.status = 'closed' then least(now(), x.reported_at + r5 * interval '90 days') end, 'bench', 1,
        jsonb_build_object('location', case when i % 5 = 0 then null else p.place end)
      from (select i, random() r1, random() r2, random() r3, random() r4, random() r5, now() - random() * interval '400 days' as reported_at
              from generate_series(${from}, ${to}) i) x,
      lateral (select (${arr(PLACES)})[1 + floor(r2 * ${PLACES.length})::int] as place) p,
      lateral (select case when r5 < 0.60 then 'closed' when r5 < 0.65 then 'withdrawn' when r5 < 0.85 then 'rectifying'
                           when r5 < 0.95 then 'reported' else 'listed' end as status) s`);
  }
  await owner.query('vacuum analyze hazards');
}
