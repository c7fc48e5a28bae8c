/**
 * The term index behind the retriever: every question phrasing, normalised and folded once at build time,
 * as weighted syllables and adjacent-syllable pairs, with an inverted index from term to phrasings.
 */
import { VIETNAMESE_READING, type Reading } from './reading.js';

const FILLER_WEIGHT = 0.25;
const NUMBER_WEIGHT = 0.3;

export interface Phrasing {
  entryId: string;
  question: string;
  /** Ids of its folded syllables and "a b" pairs, sorted. */
  terms: Int32Array;
  /** Ids of its canonical accented syllables, sorted, for the accent tie-break. */
  accented: Int32Array;
  weight: number;
}

export interface TermIndex {
  phrasings: Phrasing[];
  /** Term → its id. */
  termIds: Map<string, number>;
  /** Accented syllable → its id. */
  accentIds: Map<string, number>;
  /** Term id → the phrasings that use it. */
  postings: number[][];
  /** Entry id → ids of every term of all its phrasings, sorted. */
  entryTerms: Map<string, Int32Array>;
  /** Weight of a term known to the index. */
  weights: Map<string, number>;
  /** Weight given to a term the index has never seen. */
  unknownWeight: number;
  /** Folded single syllables, for typo repair. */
  vocabulary: string[];
  entryCount: number;
  /** Words that say little in the language indexed (they keep a small weight). */
  fillers: ReadonlySet<string>;
}

/** Sorted ids of the given strings, giving new ids to strings not seen before. */
function idsOf(values: Iterable<string>, ids: Map<string, number>): Int32Array {
  const out: number[] = [];
  for (const v of new Set(values)) {
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = ids.size));
    out.push(id);
  }
  return Int32Array.from(out).sort();
}

/** Syllables and adjacent pairs of one folded token list. */
export function termsOf(folded: readonly string[]): string[] {
  const out = [...folded];
  for (let i = 0; i + 1 < folded.length; i++) out.push(`${folded[i]} ${folded[i + 1]}`);
  return out;
}

export function fillerFactor(term: string, fillers: ReadonlySet<string>): number {
  const parts = term.split(' ');
  if (parts.every((p) => fillers.has(p))) return FILLER_WEIGHT;
  if (parts.every((p) => /^\d+$/.test(p))) return NUMBER_WEIGHT;
  return 1;
}

export function buildTermIndex(entries: readonly { id: string; questions: readonly string[] }[], reading: Reading = VIETNAMESE_READING): TermIndex {
  const termIds = new Map<string, number>();
  const accentIds = new Map<string, number>();
  const phrasings: Phrasing[] = [];
  const entryDf = new Map<string, number>();
  const entryTerms = new Map<string, Int32Array>();
  for (const entry of entries) {
    const all = new Set<string>();
    for (const question of entry.questions) {
      const n = reading.normalize(question);
      const terms = termsOf(reading.concepts(n.folded));
      for (const t of terms) all.add(t);
      phrasings.push({ entryId: entry.id, question, terms: idsOf(terms, termIds), accented: idsOf(n.tokens, accentIds), weight: 0 });
    }
    for (const t of all) entryDf.set(t, (entryDf.get(t) ?? 0) + 1);
    entryTerms.set(entry.id, idsOf(all, termIds));
  }
  const n = Math.max(entries.length, 1);
  const weights = new Map<string, number>();
  const weightById = new Float64Array(termIds.size);
  for (const [term, df] of entryDf) {
    const w = Math.log(1 + n / df) * fillerFactor(term, reading.fillers);
    weights.set(term, w);
    weightById[termIds.get(term)!] = w;
  }
  const postings: number[][] = Array.from({ length: termIds.size }, () => []);
  phrasings.forEach((p, i) => {
    let w = 0;
    for (const t of p.terms) {
      w += weightById[t]!;
      postings[t]!.push(i);
    }
    p.weight = w;
  });
  const vocabulary = [...entryDf.keys()].filter((t) => !t.includes(' ') && !/^\d+$/.test(t));
  return { phrasings, termIds, accentIds, postings, entryTerms, weights, unknownWeight: Math.log(1 + n), vocabulary, entryCount: entries.length, fillers: reading.fillers };
}

/** Sum of the weights of the query ids (sorted, weights aligned) found in a sorted id list. */
export function sharedWeight(ids: Int32Array, queryIds: Int32Array, queryWeights: Float64Array): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < ids.length && j < queryIds.length) {
    const a = ids[i]!;
    const b = queryIds[j]!;
    if (a === b) {
      sum += queryWeights[j]!;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return sum;
}


/**
 * Weight of a query term: its index weight if known, otherwise the weight of the rarest known term. In
 * Vietnamese most syllables are known; an unseen syllable pair is what marks a word the knowledge never uses
 * ("xe máy", "nhân thọ"), the strongest sign of a question it cannot answer.
 */
export function termWeight(index: TermIndex, term: string): number {
  return index.weights.get(term) ?? index.unknownWeight * fillerFactor(term, index.fillers);
}
