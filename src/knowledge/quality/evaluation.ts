/**
 * Measures the retriever on a question set written the way citizens type. Each in-scope question is asked
 * in three forms (as written, without diacritics, noisy); out-of-scope questions must fall back.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { FaqIndex, FaqRetrieval } from '../../core/faq.js';
import { prng, toTelex, toVni, unaccented, withTypo } from './noisy-forms.js';

const setSchema = z
  .object({
    questions: z.array(z.object({ expect: z.string(), ask: z.string().min(1), noisy: z.string().min(1).optional(), accept: z.array(z.string()).optional() }).strict()),
    out_of_scope: z.array(z.string().min(1)),
    out_of_scope_fresh: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type Form = 'accented' | 'unaccented' | 'noisy' | 'out-of-scope';
export interface EvalCase {
  form: Form;
  /** How the noisy form was made: hand-written, telex, vni or typo. */
  variant: string;
  text: string;
  expect: string | null;
  /** Other entries that answer the question as well. */
  accept?: string[];
}

export function loadQuestionSet(file: string): EvalCase[] {
  const set = setSchema.parse(parse(readFileSync(file, 'utf8')));
  const random = prng(20261125);
  const cases: EvalCase[] = [];
  set.questions.forEach((q, i) => {
    const base = { expect: q.expect, ...(q.accept ? { accept: q.accept } : {}) };
    cases.push({ form: 'accented', variant: 'as written', text: q.ask, ...base });
    cases.push({ form: 'unaccented', variant: 'folded', text: unaccented(q.ask), ...base });
    if (q.noisy) cases.push({ form: 'noisy', variant: 'hand-written', text: q.noisy, ...base });
    else {
      const pick = i % 3;
      const text = pick === 0 ? toTelex(q.ask) : pick === 1 ? withTypo(q.ask, random) : toVni(q.ask);
      cases.push({ form: 'noisy', variant: ['telex', 'typo', 'vni'][pick]!, text, ...base });
    }
  });
  for (const [list, tag] of [[set.out_of_scope, 'first'], [set.out_of_scope_fresh, 'fresh']] as const) {
    for (const q of list) {
      cases.push({ form: 'out-of-scope', variant: `${tag}, as written`, text: q, expect: null });
      cases.push({ form: 'out-of-scope', variant: `${tag}, folded`, text: unaccented(q), expect: null });
    }
  }
  return cases;
}

export interface FormFigures {
  total: number;
  correct: number;
  clarifiedRight: number;
  clarified: number;
  fellBack: number;
  wrong: number;
}

export interface EvalReport {
  forms: Record<Form, FormFigures>;
  variants: Record<string, FormFigures>;
  fallbackPrecision: number;
  fallbackRecall: number;
  confused: { expected: string; got: string; count: number }[];
  failures: { c: EvalCase; got: string }[];
}

const empty = (): FormFigures => ({ total: 0, correct: 0, clarifiedRight: 0, clarified: 0, fellBack: 0, wrong: 0 });

export function describe(r: FaqRetrieval): string {
  if (r.kind === 'answer') return r.match.id;
  if (r.kind === 'clarify') return `clarify(${r.candidates.map((c) => c.id).join(',')})`;
  return 'fallback';
}

export function evaluate(faq: Pick<FaqIndex, 'classify'>, cases: readonly EvalCase[]): EvalReport {
  const forms = { accented: empty(), unaccented: empty(), noisy: empty(), 'out-of-scope': empty() } as Record<Form, FormFigures>;
  const variants: Record<string, FormFigures> = {};
  const confused = new Map<string, number>();
  const failures: { c: EvalCase; got: string }[] = [];
  let fallbacks = 0;
  let rightFallbacks = 0;
  for (const c of cases) {
    const r = faq.classify(c.text);
    const f = forms[c.form];
    const v = (variants[`${c.form}/${c.variant}`] ??= empty());
    for (const x of [f, v]) x.total++;
    const ok = c.expect === null ? r.kind === 'none' : r.kind === 'answer' && (r.match.id === c.expect || (c.accept ?? []).includes(r.match.id));
    if (r.kind === 'none') {
      fallbacks++;
      if (c.expect === null) rightFallbacks++;
    }
    for (const x of [f, v]) {
      if (ok) x.correct++;
      if (r.kind === 'clarify') {
        x.clarified++;
        if (r.candidates.some((m) => m.id === c.expect || (c.accept ?? []).includes(m.id))) x.clarifiedRight++;
      }
      if (r.kind === 'none') x.fellBack++;
      if (r.kind === 'answer' && !ok) x.wrong++;
    }
    if (!ok) {
      failures.push({ c, got: describe(r) });
      if (r.kind === 'answer') {
        const key = `${c.expect ?? '(out of scope)'} → ${r.match.id}`;
        confused.set(key, (confused.get(key) ?? 0) + 1);
      }
    }
  }
  const oos = forms['out-of-scope'];
  return {
    forms,
    variants,
    fallbackPrecision: fallbacks === 0 ? 1 : rightFallbacks / fallbacks,
    fallbackRecall: oos.total === 0 ? 1 : oos.fellBack / oos.total,
    confused: [...confused.entries()]
      .map(([k, count]) => {
        const [expected, got] = k.split(' → ') as [string, string];
        return { expected, got, count };
      })
      .sort((a, b) => b.count - a.count),
    failures,
  };
}

export const rate = (n: number, d: number) => (d === 0 ? 0 : n / d);
