/**
 * Retrieval quality of the three contenders on the project's question set, per input form. This project uses
 * its own decision (answer / clarify / fallback, tuned thresholds); each peer gets the abstain threshold that
 * serves it best on this very set (an optimistic figure for the peers), and the same out-of-scope topics: a
 * peer whose best hit is an out-of-scope topic falls back.
 */
import type { EvalCase, Form } from '../src/knowledge/quality/evaluation.js';
import type { Contender } from './contenders.js';

export interface QualityRow {
  name: string;
  threshold: string;
  /** Share answered right, per form; for out-of-scope, share that fell back. */
  forms: Record<Form, number>;
}

type Hit = { id: string; score: number } | null;

function figures(cases: readonly EvalCase[], hits: readonly Hit[], threshold: number, isNegative: (id: string) => boolean) {
  const right: Record<Form, number> = { accented: 0, unaccented: 0, noisy: 0, 'out-of-scope': 0 };
  const total: Record<Form, number> = { accented: 0, unaccented: 0, noisy: 0, 'out-of-scope': 0 };
  cases.forEach((c, i) => {
    const h = hits[i];
    const answered = h && h.score >= threshold && !isNegative(h.id) ? h.id : null;
    total[c.form]++;
    if (answered === c.expect) right[c.form]++;
  });
  const forms = Object.fromEntries(Object.keys(total).map((f) => [f, right[f as Form] / Math.max(1, total[f as Form])])) as Record<Form, number>;
  // One objective for every contender: the mean over the four forms.
  const objective = (forms.accented + forms.unaccented + forms.noisy + forms['out-of-scope']) / 4;
  return { forms, objective };
}

export function measureQuality(contender: Contender, cases: readonly EvalCase[], negatives: ReadonlySet<string>, tune: boolean): QualityRow {
  const hits = cases.map((c) => contender.top(c.text));
  const isNegative = (id: string) => negatives.has(id);
  if (!tune) return { name: contender.name, threshold: 'own (tuned)', forms: figures(cases, hits, 0, isNegative).forms };
  const candidates = [...new Set(hits.filter((h): h is NonNullable<Hit> => h !== null).map((h) => h.score))].sort((a, b) => a - b);
  let best = { threshold: 0, ...figures(cases, hits, 0, isNegative) };
  // Try every distinct score as the threshold (sampled to at most 400 cuts).
  const step = Math.max(1, Math.floor(candidates.length / 400));
  for (let i = 0; i < candidates.length; i += step) {
    const f = figures(cases, hits, candidates[i]!, isNegative);
    if (f.objective > best.objective) best = { threshold: candidates[i]!, ...f };
  }
  return { name: contender.name, threshold: best.threshold.toPrecision(3), forms: best.forms };
}
