/**
 * The term index behind the retriever: every question phrasing, normalised and folded once at build time,
 * as weighted syllables and adjacent-syllable pairs, with an inverted index from term to phrasings.
 */
import { normalizeText } from '../text/normalize.js';
import { canonicalConcepts } from './concepts.js';

/** Filler words that say little about what is asked; they keep a small weight. */
const FILLERS = new Set(
  (
    'cho toi em anh chi minh ban hoi xin a ah ak nhe nha nhi vay ha oi ad admin bot giup vui long cam on ' +
    'thi ma cua va nhung cac rat da dang se roi kia day ne u uh vang chao kinh thua muon biet can duoc khong ' +
    'co nao gi la thuong neu khi nhu the voi o tai de lam ve nay'
  ).split(' '),
);
const FILLER_WEIGHT = 0.25;
const NUMBER_WEIGHT = 0.3;

export interface Phrasing {
  entryId: string;
  question: string;
  /** Folded syllables and "a b" pairs. */
  terms: Set<string>;
  /** Canonical accented syllables, for the accent tie-break. */
  accented: Set<string>;
  weight: number;
}

export interface TermIndex {
  phrasings: Phrasing[];
  postings: Map<string, number[]>;
  /** Entry id → every term of all its phrasings. */
  entryTerms: Map<string, Set<string>>;
  /** Term → ids of the entries that use it in any phrasing. */
  entryPostings: Map<string, string[]>;
  /** Weight of a term known to the index. */
  weights: Map<string, number>;
  /** Weight given to a term the index has never seen. */
  unknownWeight: number;
  /** Folded single syllables, for typo repair. */
  vocabulary: string[];
  entryCount: number;
}

export interface QueryTerms {
  terms: string[];
  accented: string[];
  isAccented: boolean;
}

/** Syllables and adjacent pairs of one folded token list. */
export function termsOf(folded: readonly string[]): string[] {
  const out = [...folded];
  for (let i = 0; i + 1 < folded.length; i++) out.push(`${folded[i]} ${folded[i + 1]}`);
  return out;
}

export function fillerFactor(term: string): number {
  const parts = term.split(' ');
  if (parts.every((p) => FILLERS.has(p))) return FILLER_WEIGHT;
  if (parts.every((p) => /^\d+$/.test(p))) return NUMBER_WEIGHT;
  return 1;
}

export function buildTermIndex(entries: readonly { id: string; questions: readonly string[] }[]): TermIndex {
  const phrasings: Phrasing[] = [];
  const entryDf = new Map<string, number>();
  const allEntryTerms = new Map<string, Set<string>>();
  for (const entry of entries) {
    const entryTerms = new Set<string>();
    for (const question of entry.questions) {
      const n = normalizeText(question);
      const terms = new Set(termsOf(canonicalConcepts(n.folded)));
      for (const t of terms) entryTerms.add(t);
      phrasings.push({ entryId: entry.id, question, terms, accented: new Set(n.tokens), weight: 0 });
    }
    for (const t of entryTerms) entryDf.set(t, (entryDf.get(t) ?? 0) + 1);
    allEntryTerms.set(entry.id, entryTerms);
  }
  const n = Math.max(entries.length, 1);
  const weights = new Map<string, number>();
  for (const [term, df] of entryDf) weights.set(term, Math.log(1 + n / df) * fillerFactor(term));
  const postings = new Map<string, number[]>();
  phrasings.forEach((p, i) => {
    let w = 0;
    for (const t of p.terms) {
      w += weights.get(t)!;
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(i);
    }
    p.weight = w;
  });
  const entryPostings = new Map<string, string[]>();
  for (const [id, terms] of allEntryTerms) {
    for (const t of terms) {
      let list = entryPostings.get(t);
      if (!list) entryPostings.set(t, (list = []));
      list.push(id);
    }
  }
  const vocabulary = [...entryDf.keys()].filter((t) => !t.includes(' ') && !/^\d+$/.test(t));
  return { phrasings, postings, entryTerms: allEntryTerms, entryPostings, weights, unknownWeight: Math.log(1 + n), vocabulary, entryCount: entries.length };
}

/** Weight given to a syllable pair the index has never seen, relative to its two syllables. */

/**
 * Weight of a query term: its index weight if known, otherwise the weight of the rarest known term. In
 * Vietnamese most syllables are known; an unseen syllable pair is what marks a word the knowledge never uses
 * ("xe máy", "nhân thọ"), the strongest sign of a question it cannot answer.
 */
export function termWeight(index: TermIndex, term: string): number {
  return index.weights.get(term) ?? index.unknownWeight * fillerFactor(term);
}
