import type { FigureQuery } from '@hazards/statistics/statistics.types';

/** A piece of text, or a figure with the id of the query it comes from (shown as a note mark). */
export type Segment = string | { text: string; ref: string };

export interface BulletinTable {
  head: string[];
  rows: string[][];
}

export interface BulletinSection {
  heading: string;
  paragraphs: Segment[][];
  table?: BulletinTable;
}

/** A 通报 ready to render: the same model gives the .docx and the Markdown. */
export interface BulletinModel {
  issuer: string;
  title: string;
  dateLine: string;
  sections: BulletinSection[];
  /** 数据来源: every query a figure refers to. */
  queries: FigureQuery[];
}

/** Joins segments as plain text (notes dropped). */
export const plain = (segments: Segment[]) => segments.map((s) => (typeof s === 'string' ? s : s.text)).join('');
