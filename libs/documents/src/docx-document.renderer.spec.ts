import { strFromU8, unzipSync } from 'fflate';
import { renderDocumentDocx, renderWithLibrary, type FilledDocument } from './docx-document.renderer';

/** Every part of a .docx as text, the render instant in its core properties blanked (it differs by the millisecond). */
const parts = (docx: Buffer) =>
  Object.entries(unzipSync(new Uint8Array(docx))).map(([name, data]) => [
    name,
    strFromU8(data).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1'),
  ]);

const letter = (o: Partial<FilledDocument> = {}): FilledDocument => ({
  issuer: '通州区安全生产委员会办公室',
  number: '通安委督〔2026〕17号',
  title: '督办函',
  addressee: '金沙化工有限公司：',
  paragraphs: ['你单位液氨储罐区泄漏报警失效的隐患，整改期限已过3个工作日仍未整改。', '请于5个工作日内整改完毕，并书面回复。'],
  dateLine: '2026年12月1日',
  ...o,
});

describe('a letter rendered from the skeleton is the letter the docx library renders', () => {
  it.each([
    ['a 督办函', letter()],
    ['no addressee', letter({ addressee: null })],
    ['an empty addressee (omitted, as the library did)', letter({ addressee: '' })],
    [
      'XML specials and control characters in every field',
      letter({ issuer: 'A&B <局>', number: '"1"', title: "函'", addressee: 'x\u0001y\u001Fz', dateLine: '\t2026\r\n' }),
    ],
    [
      'many paragraphs, an empty one and one holding a field marker',
      letter({ paragraphs: ['', 'a\uE000DATE\uE000b', ...Array.from({ length: 30 }, (_, i) => `第${i}条`)] }),
    ],
  ])('%s', async (_, d) => {
    expect(parts(await renderDocumentDocx(d))).toEqual(parts(await renderWithLibrary(d)));
  });

  it('states the instant it was rendered, as the library does', async () => {
    const before = new Date().toISOString();
    const xml = strFromU8(unzipSync(new Uint8Array(await renderDocumentDocx(letter())))['docProps/core.xml']);
    const created = /<dcterms:created[^>]*>([^<]*)</.exec(xml)![1];
    expect(created >= before && created <= new Date().toISOString()).toBe(true);
  });
});
