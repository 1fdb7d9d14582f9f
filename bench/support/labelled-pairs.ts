import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { HAZARD_SOURCES } from '../../libs/domain/src/hazard/vocabulary';

const report = z.object({
  ref: z.string().min(1),
  enterpriseId: z.string().min(1).max(64),
  source: z.enum(HAZARD_SOURCES),
  description: z.string().min(4).max(2000),
  location: z.string().max(200).nullable(),
  reportedAt: z.iso.datetime({ offset: true }),
});

const pair = z.object({
  id: z.string().min(1),
  duplicate: z.boolean(),
  category: z.enum([
    'rewording', 'same-area-different-defect', 'same-defect-different-place', 'same-enterprise-other',
    'same-wording-other-enterprise', 'recurrence-outside-window',
  ]),
  a: report,
  b: report,
});

export type LabelledReport = z.infer<typeof report>;
export type LabelledPair = z.infer<typeof pair>;

/** A labelled set under bench/data/, read from the source tree (benchmarks run from dist/bench). */
export function loadLabelledPairs(file: string): LabelledPair[] {
  const raw = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'bench', 'data', file), 'utf8'));
  const pairs = z.object({ pairs: z.array(pair).min(1) }).parse(raw).pairs;
  // A report that appears in several pairs must say the same thing each time.
  const byRef = new Map<string, string>();
  for (const r of pairs.flatMap((p) => [p.a, p.b])) {
    const seen = byRef.get(r.ref);
    if (seen !== undefined && seen !== JSON.stringify(r)) throw new Error(`${file}: report ${r.ref} differs between pairs`);
    byRef.set(r.ref, JSON.stringify(r));
  }
  return pairs;
}

/** Every distinct report of the pairs, once. */
export function distinctReports(pairs: LabelledPair[]): LabelledReport[] {
  const byRef = new Map<string, LabelledReport>();
  for (const r of pairs.flatMap((p) => [p.a, p.b])) byRef.set(r.ref, r);
  return [...byRef.values()];
}

/** A pair's outcome at one threshold: the lookup for b returned a (scores), or never could (null). */
export interface PairScore { pair: LabelledPair; description: number | null; location: number | null }

export interface Confusion { tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; f1: number }

/** Predicted duplicate when the lookup returned a at all and both scores clear the thresholds. */
export function confusion(scores: PairScore[], minDescription: number, minLocation: number): Confusion {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const s of scores) {
    const flagged = s.description !== null && s.description >= minDescription && (s.location === null || s.location >= minLocation);
    if (flagged && s.pair.duplicate) tp++;
    else if (flagged) fp++;
    else if (s.pair.duplicate) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { tp, fp, fn, tn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
