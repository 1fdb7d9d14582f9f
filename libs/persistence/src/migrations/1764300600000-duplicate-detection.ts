import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Standard names for the words sources use for the same thing (网格员、企业、检查组 write 消控室 /
 * 消防控制室, 2# / 2号 / 二号, 三楼 / 3F / 三层 …), applied in order before the text is cut into
 * grams. Both sides of a comparison go through the same list, so a mapping can only make two
 * reports look more alike; it never decides on its own. Frozen here: a later change is a new
 * migration that replaces `hazard_text_normalize` and recomputes the columns (update hazards set
 * description = description).
 */
const STANDARD_TERMS: readonly (readonly [string, string])[] = [
  // floors and numbers (after the regular expressions below turned 3F / B1 / 3楼 into 3层 / 负1层)
  ['地下一层', '负1层'],
  ['负一层', '负1层'],
  ['一号', '1号'],
  ['二号', '2号'],
  ['三号', '3号'],
  ['四号', '4号'],
  ['五号', '5号'],
  ['六号', '6号'],
  ['一楼', '1层'],
  ['二楼', '2层'],
  ['三楼', '3层'],
  ['四楼', '4层'],
  ['五楼', '5层'],
  ['一层', '1层'],
  ['二层', '2层'],
  ['三层', '3层'],
  ['四层', '4层'],
  ['五层', '5层'],
  // places and equipment: short or colloquial name → the name in the standards
  ['消控室', '消防控制室'],
  ['消防栓', '消火栓'],
  ['配电室', '配电房'],
  ['配电间', '配电房'],
  ['制冷机房', '氨机房'],
  ['氨压缩机房', '氨机房'],
  ['塔吊', '塔式起重机'],
  ['施工电梯', '施工升降机'],
  ['斗提机', '斗式提升机'],
  ['外架', '外脚手架'],
  ['桥式起重机', '起重机'],
  ['行车', '起重机'],
  ['场内机动车辆', '叉车'],
  ['天那水', '稀释剂'],
  ['稀料', '稀释剂'],
  ['液化石油气', '燃气'],
  ['液化气', '燃气'],
  ['煤气', '燃气'],
  ['烟感', '感烟探测器'],
  ['喷淋', '喷水灭火'],
  ['泄爆片', '泄爆装置'],
  ['防爆口', '泄爆装置'],
  ['报警仪', '报警器'],
  ['报警装置', '报警器'],
  ['探头', '报警器'],
  // states: broken, missing, blocked, locked, overdue
  ['坏了', '失效'],
  ['失灵', '失效'],
  ['故障', '失效'],
  ['损坏', '失效'],
  ['不起作用', '失效'],
  ['没有', '未'],
  ['没', '未'],
  ['缺少', '缺'],
  ['缺失', '缺'],
  ['无', '未'],
  ['未设置', '未设'],
  ['未安装', '未设'],
  ['未配备', '未设'],
  ['堵住', '堵塞'],
  ['堆住', '堵塞'],
  ['锁着', '锁闭'],
  ['上锁', '锁闭'],
  ['作业票', '作业审批'],
  ['年检过期', '超期未检验'],
  ['检验过期', '超期未检验'],
];

/** Written forms of numbers and floors, as regular expressions (few, so PostgreSQL caches them compiled). */
const NUMBER_FORMS: readonly (readonly [string, string])[] = [
  ['([0-9]+)\\s*#', '\\1号'], // 2# → 2号
  ['(?<![0-9a-z])([0-9]+)f(?![0-9a-z])', '\\1层'], // 3F → 3层 (after lower())
  ['(?<![0-9a-z])b([0-9])(?![0-9a-z])', '负\\1层'], // B1 → 负1层
  ['([0-9]+)楼(?![梯板层房面道顶])', '\\1层'], // 3楼 → 3层, but not 3楼梯 / 3号楼
];

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Duplicate detection (重复隐患识别), part 3 of issue 19: pg_trgm, two generated columns and the
 * functions that fill them.
 *
 * Why not pg_trgm on the raw text: pg_trgm cuts text into words of alphanumeric characters and
 * makes trigrams of each word. Under the cluster's locale (C.UTF-8: glibc counts CJK ideographs as
 * letters) a run of Chinese has no spaces, so a whole clause is one word and its grams are runs of
 * three characters: "可燃气体报警器失效" and "可燃气体报警仪损坏" share little, and rewordings by
 * different sources are missed (on the labelled set, precision 0.55 at recall 0.8 against 0.92 for
 * this representation; `npm run bench duplicates` prints both). pg_bigm, made for this, is not
 * packaged by Debian; none of the other postgresql-15-* packages compares Chinese text.
 *
 * So the text is rewritten into what pg_trgm should compare: every character and every pair of
 * neighbouring characters as a word of its own ("报警器失效" → "报 警 器 失 效 报警 器失 效 警器 失效").
 * pg_trgm pads each word, so a one-character word gives the character and a two-character word
 * gives the bigram: similarity() becomes the overlap of character unigrams and bigrams, which
 * survives rewordings (报警器 / 报警仪 share 报警) and still weighs word order.
 *
 * The description is compared without its own location: the characters of the report's location
 * are blanked out of its description first, because two different defects at one place (2号储罐区
 * 防火堤开裂 / 2号储罐区可燃气体报警器失效) otherwise look alike through the place name alone.
 * The location is compared on its own column, with its own threshold (policy `duplicates`).
 *
 * `create extension` needs the database owner (pg_trgm is a trusted extension), which is who runs
 * migrations; the apps' role only calls similarity().
 */
export class DuplicateDetection1764300600000 implements MigrationInterface {
  name = 'DuplicateDetection1764300600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('create extension if not exists pg_trgm');
    // Under LC_CTYPE=C pg_trgm drops every non-ASCII character, so Chinese would never match.
    const [{ cjk }] = await q.query(`select coalesce(array_length(show_trgm('隐患排查'), 1), 0) as cjk`);
    if (Number(cjk) === 0) {
      throw new Error(
        '数据库的字符分类(LC_CTYPE)不把汉字当作字母，pg_trgm 无法比较中文 / the database LC_CTYPE does not class Chinese characters as letters, ' +
          'so pg_trgm cannot compare Chinese text: create the database with a UTF-8 locale (e.g. initdb --locale=C.UTF-8).',
      );
    }

    let normalized = "lower(normalize(coalesce(t, ''), nfkc))";
    for (const [pattern, replacement] of NUMBER_FORMS)
      normalized = `regexp_replace(${normalized}, ${literal(pattern)}, ${literal(replacement)}, 'g')`;
    for (const [from, to] of STANDARD_TERMS) normalized = `replace(${normalized}, ${literal(from)}, ${literal(to)})`;
    // Anything but digits, Latin letters and CJK ideographs separates words.
    normalized = `btrim(regexp_replace(${normalized}, '[^0-9a-z\\u3400-\\u9fff]+', ' ', 'g'))`;
    await q.query(`
      create function hazard_text_normalize(t text) returns text
      language sql immutable parallel safe as $$ select ${normalized} $$`);
    await q.query(
      `comment on function hazard_text_normalize(text) is 'Duplicate detection: NFKC, lower case, standard terms, separators to one space'`,
    );

    // Unigrams, then the bigrams starting at odd and at even positions. A pair that would span a
    // separator ("a b") becomes two one-character words in pg_trgm, so no gram crosses a separator.
    await q.query(`
      create function hazard_text_grams(normalized text) returns text
      language sql immutable parallel safe as $$
        select case when btrim(normalized) = '' then '' else
          regexp_replace(normalized, '(.)', '\\1 ', 'g') || ' ' || regexp_replace(normalized, '(..)', '\\1 ', 'g')
          || ' ' || regexp_replace(substr(normalized, 2), '(..)', '\\1 ', 'g') end $$`);
    // PL/pgSQL to normalise the location once: a SQL function with a sub-select is not inlined
    // and costs 2.5 times as much, which a million-row table pays on every insert and update.
    await q.query(`
      create function hazard_description_grams(description text, location text) returns text
      language plpgsql immutable parallel safe as $$
        declare l text := hazard_text_normalize(location);
        begin
          return hazard_text_grams(translate(hazard_text_normalize(description), l, repeat(' ', char_length(l))));
        end $$`);
    await q.query(`
      create function hazard_location_grams(location text) returns text
      language sql immutable parallel safe as $$ select hazard_text_grams(hazard_text_normalize(location)) $$`);

    // The location is in the lifecycle's detail (written by each step). Stored, so a lookup
    // only compares; the columns follow every update of the row by themselves.
    await q.query(`
      alter table hazards
        add column description_grams text generated always as (hazard_description_grams(description, detail->>'location')) stored,
        add column location_grams text generated always as (hazard_location_grams(detail->>'location')) stored`);
    // No new index. The lookup is scoped by enterprise and reporting date, which
    // ix_hazards_enterprise (enterprise_id, reported_at) already serves; its cost is similarity()
    // over that enterprise's reports in the window. A trigram GIN index would narrow them little:
    // it keeps a row when 9% of the probe's grams are in it (a looser bound than similarity()),
    // which common characters such as 未/设/车间 give most reports, and it rechecks every hit
    // with the same similarity().
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table hazards drop column location_grams, drop column description_grams');
    await q.query('drop function hazard_location_grams(text)');
    await q.query('drop function hazard_description_grams(text, text)');
    await q.query('drop function hazard_text_grams(text)');
    await q.query('drop function hazard_text_normalize(text)');
    await q.query('drop extension if exists pg_trgm');
  }
}
