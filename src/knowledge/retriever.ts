/**
 * The Vietnamese-aware FAQ retriever. Questions are matched on folded syllables and syllable pairs weighted by
 * how rare they are across entries; a query syllable the index has never seen is repaired by fuse.js over the
 * folded vocabulary (built once). The score is the weighted share of the query that a phrasing covers, times
 * the share of the phrasing the query covers, with a small tie-break for matching accents.
 */
import Fuse from 'fuse.js';
import { normalizeText } from '../text/normalize.js';
import { buildTermIndex, termsOf, termWeight, type TermIndex } from './term-index.js';

export interface Match {
  id: string;
  score: number;
  /** The phrasing that matched best. */
  question: string;
}

export type Retrieval =
  | { kind: 'answer'; match: Match; alternatives: Match[] }
  | { kind: 'clarify'; candidates: Match[] }
  | { kind: 'none'; nearest: Match[] };

export interface RetrieverThresholds {
  /** At or above: answer outright when the runner-up is far enough behind. */
  answer: number;
  /** Below answer but at or above: offer candidates. */
  clarify: number;
  /** Lead over the runner-up needed to answer outright below `sure`. */
  margin: number;
  /** At or above: answer whatever the runner-up scores. */
  sure: number;
  /** A lead this wide over the runner-up answers outright from `leadFloor` up. */
  lead: number;
  leadFloor: number;
}

export const DEFAULT_THRESHOLDS: RetrieverThresholds = { answer: 0.5, clarify: 0.36, margin: 0.06, sure: 0.8, lead: 0.25, leadFloor: 0.45 };

export interface Retriever {
  /** Entries ranked by score, best first. */
  search(text: string, limit?: number): Match[];
  /** The decision: answer, clarify with candidates, or nothing. */
  classify(text: string): Retrieval;
  readonly size: number;
}

const QUERY_COVERAGE_EXPONENT = 0.6;
const REPAIRED_FACTOR = 0.8;
const ACCENT_BONUS = 0.03;
const MAX_QUERY_TOKENS = 60;

export function createRetriever(
  entries: readonly { id: string; questions: readonly string[] }[],
  thresholds: RetrieverThresholds = DEFAULT_THRESHOLDS,
): Retriever {
  const index = buildTermIndex(entries);
  const fuse = new Fuse(index.vocabulary, {
    includeScore: true,
    threshold: 0.34,
    ignoreLocation: true,
    minMatchCharLength: 2,
  });
  const repairs = new Map<string, string | null>();

  function repair(token: string): string | null {
    if (token.length < 3 || /\d/.test(token)) return null;
    const cached = repairs.get(token);
    if (cached !== undefined) return cached;
    const best = fuse.search(token, { limit: 1 })[0];
    const fixed = best && (best.score ?? 1) <= 0.34 ? best.item : null;
    if (repairs.size > 20_000) repairs.clear();
    repairs.set(token, fixed);
    return fixed;
  }

  function queryTerms(text: string) {
    const n = normalizeText(text);
    const folded = n.folded.slice(0, MAX_QUERY_TOKENS);
    const factor = new Map<string, number>();
    const fixed = folded.map((tok) => {
      if (index.weights.has(tok)) return tok;
      const r = repair(tok);
      if (r) factor.set(r, REPAIRED_FACTOR);
      return r ?? tok;
    });
    const terms = [...new Set(termsOf(fixed))];
    const weights = terms.map((t) => {
      const f = t.split(' ').reduce((acc, p) => acc * (factor.get(p) ?? 1), 1);
      return termWeight(index, t) * f;
    });
    return { terms, weights, accented: n.tokens.slice(0, MAX_QUERY_TOKENS), isAccented: n.accented };
  }

  function scoreAll(text: string): Match[] {
    const q = queryTerms(text);
    const total = q.weights.reduce((a, b) => a + b, 0);
    if (total === 0) return [];
    const matched = new Map<number, number>();
    q.terms.forEach((term, i) => {
      const list = index.postings.get(term);
      if (!list) return;
      const w = q.weights[i]!;
      for (const p of list) matched.set(p, (matched.get(p) ?? 0) + w);
    });
    const best = new Map<string, Match>();
    for (const [p, m] of matched) {
      const phrasing = index.phrasings[p]!;
      const qCov = Math.min(1, m / total);
      const pCov = Math.min(1, m / phrasing.weight);
      let score = qCov ** QUERY_COVERAGE_EXPONENT * pCov ** (1 - QUERY_COVERAGE_EXPONENT);
      if (q.isAccented && q.accented.length > 0) {
        const hits = q.accented.filter((t) => phrasing.accented.has(t)).length;
        score += (ACCENT_BONUS * hits) / q.accented.length;
      }
      const prev = best.get(phrasing.entryId);
      if (!prev || score > prev.score) best.set(phrasing.entryId, { id: phrasing.entryId, score, question: phrasing.question });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  return {
    size: entries.length,
    search(text, limit = 5) {
      return scoreAll(text).slice(0, limit);
    },
    classify(text) {
      const ranked = scoreAll(text).slice(0, 5);
      const top = ranked[0];
      if (!top || top.score < thresholds.clarify) return { kind: 'none', nearest: ranked.slice(0, 3) };
      const second = ranked[1]?.score ?? 0;
      const lead = top.score - second;
      if (
        top.score >= thresholds.sure ||
        (top.score >= thresholds.answer && lead >= thresholds.margin) ||
        (top.score >= thresholds.leadFloor && lead >= thresholds.lead)
      ) {
        return { kind: 'answer', match: top, alternatives: ranked.slice(1, 3) };
      }
      const candidates = ranked.filter((m) => m.score >= thresholds.clarify && m.score >= top.score - 0.2).slice(0, 3);
      return { kind: 'clarify', candidates };
    },
  };
}

export type { TermIndex };
