/**
 * Scores knowledge entries against a query. A phrasing's score is the weighted share of the query it covers
 * (to a small power) times the share of the phrasing the query covers, plus a small tie-break for matching
 * accents; an entry's score blends its best phrasing with all its phrasings together. Besides the score, each
 * match carries two signals the confidence decision uses: how much of what was asked the entry covers, and
 * whether the words that make the entry itself (its key terms, e.g. "tối đa" for the maximum payment) are there.
 */
import type { Query } from './query-terms.js';
import { sharedWeight, type TermIndex } from './term-index.js';

export interface Scored {
  id: string;
  score: number;
  /** The phrasing that matched best. */
  question: string;
  /** Share of the asked terms (weighted) that the entry's phrasings contain, 0–1. */
  askedCoverage: number;
  /** Share of the entry's key terms (weighted) found in the query, 0–1. */
  keyCoverage: number;
  /** The two parts of the score: the best phrasing alone, and all the entry's phrasings together. */
  phrasingScore: number;
  entryScore: number;
}

export interface ScoringOptions {
  /** Weight of query coverage against phrasing coverage in a phrasing's score (0–1). */
  queryExponent: number;
  /** Share of the score that comes from the entry as a whole (all its phrasings) rather than its best phrasing. */
  entryBlend: number;
}

export const DEFAULT_SCORING: ScoringOptions = { queryExponent: 0.4, entryBlend: 0.35 };
const ACCENT_BONUS = 0.03;
/** Postings read to gather candidates (see candidates()): the same answers as reading every posting, flat cost as the knowledge grows. */
const CANDIDATE_BUDGET = 1200;
/** A term is key to an entry when at least this share of its phrasings use it... */
const KEY_TERM_SHARE = 0.4;
/** ...and it is among the entry's most distinctive such terms. */
const KEY_TERMS_PER_ENTRY = 3;

export interface Scorer {
  score(q: Query): Scored[];
}

interface KeyTerms {
  ids: Int32Array;
  weights: Float64Array;
  total: number;
}

/** Per entry, the terms most of its phrasings share that are rare elsewhere: what the entry is about. */
function keyTermsOf(index: TermIndex): Map<string, KeyTerms> {
  const byEntry = new Map<string, { count: Map<number, number>; phrasings: number }>();
  for (const p of index.phrasings) {
    const e = byEntry.get(p.entryId) ?? { count: new Map<number, number>(), phrasings: 0 };
    e.phrasings++;
    for (const t of p.terms) e.count.set(t, (e.count.get(t) ?? 0) + 1);
    byEntry.set(p.entryId, e);
  }
  const weightById = new Float64Array(index.termIds.size);
  for (const [term, id] of index.termIds) weightById[id] = index.weights.get(term) ?? 0;
  const out = new Map<string, KeyTerms>();
  for (const [entryId, e] of byEntry) {
    const picked = [...e.count]
      .filter(([, n]) => n / e.phrasings >= KEY_TERM_SHARE)
      .map(([id, n]) => ({ id, w: weightById[id]!, rank: (n / e.phrasings) * weightById[id]! }))
      .filter((k) => k.w > 0)
      .sort((a, b) => b.rank - a.rank)
      .slice(0, KEY_TERMS_PER_ENTRY)
      .sort((a, b) => a.id - b.id);
    out.set(entryId, { ids: Int32Array.from(picked.map((k) => k.id)), weights: Float64Array.from(picked.map((k) => k.w)), total: picked.reduce((s, k) => s + k.w, 0) });
  }
  return out;
}

export function createScorer(index: TermIndex, options: ScoringOptions = DEFAULT_SCORING): Scorer {
  const keys = keyTermsOf(index);
  const { queryExponent, entryBlend } = options;

  /**
   * Candidate phrasings: the postings of the query's most selective terms, rarest first, until a fixed budget
   * of postings is read. A common syllable ("bhxh", "đóng") then costs nothing to gather, so the cost of a
   * query stays flat as the knowledge grows; the candidates are still scored on every query term below.
   */
  function candidates(ids: Int32Array): Set<number> {
    const lists = Array.from(ids, (id) => index.postings[id]!);
    lists.sort((a, b) => a.length - b.length);
    const out = new Set<number>();
    let read = 0;
    for (const list of lists) {
      if (read > 0 && read + list.length > CANDIDATE_BUDGET) break;
      for (const p of list) out.add(p);
      read += list.length;
    }
    return out;
  }

  function score(q: Query): Scored[] {
    if (q.total === 0) return [];
    const best = new Map<string, Scored>();
    // The share of the question covered is measured on what is asked; the story helps cover the phrasing.
    const askedOnly = q.askedTotal > 0;
    const qIds = askedOnly ? q.askedIds : q.ids;
    const qWeights = askedOnly ? q.askedWeights : q.idWeights;
    const qTotal = askedOnly ? q.askedTotal : q.total;
    for (const p of candidates(q.ids)) {
      const phrasing = index.phrasings[p]!;
      const m = sharedWeight(phrasing.terms, q.ids, q.idWeights);
      const asked = askedOnly ? sharedWeight(phrasing.terms, qIds, qWeights) : m;
      const qCov = Math.min(1, asked / qTotal);
      const pCov = Math.min(1, m / phrasing.weight);
      let s = qCov ** queryExponent * pCov ** (1 - queryExponent);
      if (q.isAccented && q.accentedCount > 0) s += (ACCENT_BONUS * sharedWeight(phrasing.accented, q.accentIds, q.accentOnes)) / q.accentedCount;
      const prev = best.get(phrasing.entryId);
      if (!prev || s > prev.score) best.set(phrasing.entryId, { id: phrasing.entryId, score: s, question: phrasing.question, askedCoverage: 0, keyCoverage: 0, phrasingScore: s, entryScore: 0 });
    }
    for (const m of best.values()) {
      const terms = index.entryTerms.get(m.id)!;
      const e = sharedWeight(terms, qIds, qWeights);
      m.entryScore = Math.min(1, e / qTotal);
      m.score = (1 - entryBlend) * m.phrasingScore + entryBlend * m.entryScore;
      m.askedCoverage = q.askedTotal === 0 ? 0 : Math.min(1, sharedWeight(terms, q.askedIds, q.askedWeights) / q.askedTotal);
      const key = keys.get(m.id);
      m.keyCoverage = !key || key.total === 0 ? 1 : sharedWeight(q.ids, key.ids, key.weights) / key.total;
    }
    return [...best.values()];
  }

  return { score };
}

/**
 * Whether the best entry stays best when the score leans on its best phrasing alone, and when it leans on all
 * its phrasings together. Readings that disagree mark a question the knowledge does not clearly answer.
 */
export function readingsAgree(all: readonly Scored[], keep: (m: Scored) => boolean, best: string | undefined): boolean {
  if (best === undefined) return false;
  let byPhrasing: Scored | undefined;
  let byEntry: Scored | undefined;
  const leaning = (m: Scored) => 0.2 * m.phrasingScore + 0.8 * m.entryScore;
  for (const m of all) {
    if (!keep(m)) continue;
    if (!byPhrasing || m.phrasingScore > byPhrasing.phrasingScore) byPhrasing = m;
    if (!byEntry || leaning(m) > leaning(byEntry)) byEntry = m;
  }
  return byPhrasing?.id === best && byEntry?.id === best;
}

/** Keeps the best `limit` matches (ties broken by id), without sorting every candidate. */
export function topMatches<M extends { id: string; score: number }>(all: Iterable<M>, limit: number, keep: (m: M) => boolean): M[] {
  const top: M[] = [];
  const before = (a: M, b: M) => b.score - a.score || a.id.localeCompare(b.id);
  for (const m of all) {
    if (!keep(m)) continue;
    if (top.length === limit && before(m, top[limit - 1]!) >= 0) continue;
    let i = top.length === limit ? limit - 1 : top.length;
    while (i > 0 && before(m, top[i - 1]!) < 0) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = m;
  }
  return top;
}
