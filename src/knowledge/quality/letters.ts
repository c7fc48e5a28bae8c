/**
 * Measures the retriever on letters (greeting, story, one to three questions, thanks) and on two-turn
 * follow-ups, written the way citizens write (test/eval/letters-*.yaml). Each letter is asked three ways: as
 * written, without diacritics, and typed fast on a phone. Right = answered with the expected entry (or one
 * accepted as equally right); confidently wrong = answered with another entry.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { FaqIndex } from '../../core/faq.js';
import type { EvalCase } from './evaluation.js';
import { prng, toPhoneTyping, unaccented } from './noisy-forms.js';

const id = z.string().regex(/^[a-z0-9-]+$/);
const letterSetSchema = z
  .object({
    letters: z.array(z.object({ expect: id.nullable(), accept: z.array(id).optional(), also: z.array(id).optional(), text: z.string().min(10) }).strict()).default([]),
    follow_ups: z
      .array(z.object({ first: z.string().min(2), first_expect: id, then: z.string().min(1), expect: id.nullable(), accept: z.array(id).optional() }).strict())
      .default([]),
  })
  .strict();

export type LetterForm = 'as written' | 'no diacritics' | 'phone typing';
export const LETTER_FORMS: readonly LetterForm[] = ['as written', 'no diacritics', 'phone typing'];

export interface LetterCase {
  form: LetterForm;
  text: string;
  expect: string | null;
  accept: string[];
  also: string[];
  words: number;
}

export interface FollowUpCase {
  first: string;
  firstExpect: string;
  then: string;
  expect: string | null;
  accept: string[];
}

export function loadLetterSets(files: readonly string[]): { letters: LetterCase[]; followUps: FollowUpCase[] } {
  const random = prng(20261201);
  const letters: LetterCase[] = [];
  const followUps: FollowUpCase[] = [];
  for (const file of files) {
    const set = letterSetSchema.parse(parse(readFileSync(file, 'utf8')));
    for (const l of set.letters) {
      const words = l.text.trim().split(/\s+/).length;
      const base = { expect: l.expect, accept: l.accept ?? [], also: l.also ?? [], words };
      letters.push({ ...base, form: 'as written', text: l.text });
      letters.push({ ...base, form: 'no diacritics', text: unaccented(l.text) });
      letters.push({ ...base, form: 'phone typing', text: toPhoneTyping(l.text, random) });
    }
    for (const f of set.follow_ups) followUps.push({ first: f.first, firstExpect: f.first_expect, then: f.then, expect: f.expect, accept: f.accept ?? [] });
  }
  return { letters, followUps };
}

/** Letters as the short set's cases (as written → accented, no diacritics → unaccented, phone → noisy), for the peers' bench. */
export function lettersAsCases(letters: readonly LetterCase[]): EvalCase[] {
  const form = { 'as written': 'accented', 'no diacritics': 'unaccented', 'phone typing': 'noisy' } as const;
  return letters.map((c) => ({ form: c.expect === null ? 'out-of-scope' : form[c.form], variant: c.form, text: c.text, expect: c.expect, ...(c.accept.length ? { accept: c.accept } : {}) }));
}

export interface Tally {
  total: number;
  right: number;
  /** Clarified, with the expected entry offered first. */
  clarifiedFirst: number;
  clarified: number;
  fellBack: number;
  /** Answered with another entry (or answered an out-of-scope letter). */
  wrong: number;
}

export interface LetterReport {
  forms: Record<LetterForm, Tally>;
  /** By length in words: "≤ 70", "71–110", "> 110". */
  lengths: Record<string, Tally>;
  /** Letters whose other questions were offered as "Bạn cũng hỏi" buttons, of those that had any. */
  alsoOffered: { total: number; offered: number };
  followUps: Tally;
  failures: { text: string; expect: string | null; got: string; form: string }[];
}

const empty = (): Tally => ({ total: 0, right: 0, clarifiedFirst: 0, clarified: 0, fellBack: 0, wrong: 0 });
const bucket = (words: number) => (words <= 70 ? '≤ 70 words' : words <= 110 ? '71–110 words' : '> 110 words');

function score(t: Tally, r: ReturnType<FaqIndex['classify']>, ok: readonly string[], outOfScope: boolean): boolean {
  t.total++;
  if (r.kind === 'answer') {
    if (!outOfScope && ok.includes(r.match.id)) {
      t.right++;
      return true;
    }
    t.wrong++;
    return false;
  }
  if (r.kind === 'clarify') {
    t.clarified++;
    if (!outOfScope && ok.includes(r.candidates[0]!.id)) t.clarifiedFirst++;
    return false;
  }
  t.fellBack++;
  if (outOfScope) t.right++;
  return outOfScope;
}

const describeRetrieval = (r: ReturnType<FaqIndex['classify']>) =>
  r.kind === 'answer' ? r.match.id : r.kind === 'clarify' ? `clarify(${r.candidates.map((c) => c.id).join(',')})` : 'fallback';

export function evaluateLetters(faq: Pick<FaqIndex, 'classify'>, set: { letters: readonly LetterCase[]; followUps: readonly FollowUpCase[] }): LetterReport {
  const forms = Object.fromEntries(LETTER_FORMS.map((f) => [f, empty()])) as Record<LetterForm, Tally>;
  const lengths: Record<string, Tally> = { '≤ 70 words': empty(), '71–110 words': empty(), '> 110 words': empty() };
  const failures: LetterReport['failures'] = [];
  const alsoOffered = { total: 0, offered: 0 };
  for (const c of set.letters) {
    const r = faq.classify(c.text);
    const ok = c.expect === null ? [] : [c.expect, ...c.accept];
    const right = score(forms[c.form], r, ok, c.expect === null);
    score(lengths[bucket(c.words)]!, r, ok, c.expect === null);
    if (c.also.length > 0 && r.kind === 'answer') {
      alsoOffered.total++;
      if ((r.also ?? []).some((m) => c.also.includes(m.id))) alsoOffered.offered++;
    }
    if (!right) failures.push({ text: c.text, expect: c.expect, got: describeRetrieval(r), form: c.form });
  }
  const followUps = empty();
  for (const f of set.followUps) {
    const first = faq.classify(f.first);
    const previousEntryId = first.kind === 'answer' ? first.match.id : undefined;
    const r = faq.classify(f.then, previousEntryId ? { previousEntryId } : undefined);
    const ok = f.expect === null ? [] : [f.expect, ...f.accept];
    if (!score(followUps, r, ok, f.expect === null)) failures.push({ text: `${f.first} → ${f.then}`, expect: f.expect, got: describeRetrieval(r), form: 'follow-up' });
  }
  return { forms, lengths, alsoOffered, followUps, failures };
}
