/**
 * English answers must say what the Vietnamese ones say: the same figures (amounts, rates, days, months, years,
 * article numbers). A figure is a run of digits; "1.500.000" and "1,500,000" are the same figure, and so are
 * "10,5" and "10.5". kb:check fails on an English answer whose set of figures differs from the Vietnamese one,
 * and reports how many entries of each topic have an English answer.
 */
import type { KnowledgeEntry } from '../schema.js';

/** The figures written in a text, normalised (thousands separators dropped, the decimal mark a dot). */
export function figuresIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const raw = m[0];
    // Two or more groups of three are thousands ("1.500.000", "1,500,000"); one mark is kept, as a dot, whatever
    // it means ("66.000" and "66,000" read the same, as do "10,5" and "10.5").
    const thousands = /^\d{1,3}(?:[.,]\d{3}){2,}$/.test(raw);
    out.add(thousands ? raw.replace(/[.,]/g, '') : raw.replace(',', '.'));
  }
  return out;
}

export interface EnglishProblem {
  entryId: string;
  detail: string;
}

export function englishProblems(entries: readonly KnowledgeEntry[]): EnglishProblem[] {
  const problems: EnglishProblem[] = [];
  for (const e of entries) {
    if (!e.answer_en) continue;
    const vi = figuresIn(e.answer);
    const en = figuresIn(e.answer_en);
    const missing = [...vi].filter((f) => !en.has(f));
    const added = [...en].filter((f) => !vi.has(f));
    if (missing.length || added.length) {
      problems.push({ entryId: e.id, detail: `English figures differ from the Vietnamese: ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && added.length ? '; ' : ''}${added.length ? `added ${added.join(', ')}` : ''}` });
    }
  }
  return problems;
}

/** Entries with an English answer, per topic: [topic, with, all]. */
export function englishCoverage(entries: readonly KnowledgeEntry[]): [string, number, number][] {
  const by = new Map<string, [number, number]>();
  for (const e of entries) {
    const c = by.get(e.topic) ?? [0, 0];
    c[1]++;
    if (e.answer_en) c[0]++;
    by.set(e.topic, c);
  }
  return [...by].map(([topic, [w, all]]) => [topic, w, all] as [string, number, number]).sort((a, b) => a[0].localeCompare(b[0]));
}
