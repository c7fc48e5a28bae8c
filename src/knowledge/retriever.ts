/**
 * The Vietnamese-aware FAQ retriever. Questions are matched on folded syllables and syllable pairs weighted by
 * how rare they are across entries; a query syllable the index has never seen is repaired by fuse.js over the
 * folded vocabulary (built once). The score is the weighted share of the query that a phrasing covers, times
 * the share of the phrasing the query covers, with a small tie-break for matching accents.
 */
import Fuse from 'fuse.js';
import { normalizeText } from '../text/normalize.js';
import { canonicalConcepts } from './concepts.js';
import { buildTermIndex, sharedWeight, termsOf, termWeight } from './term-index.js';

export interface Match {
  id: string;
  score: number;
  /** The phrasing that matched best. */
  question: string;
}

export type Retrieval =
  | { kind: 'answer'; match: Match; alternatives: Match[] }
  | { kind: 'clarify'; candidates: Match[] }
  | { kind: 'none'; nearest: Match[]; outOfScope?: string };

export interface RetrieverThresholds {
  /** Below this score: nothing found (fallback). */
  floor: number;
  /** At or above this lead over the runner-up: answer outright. */
  lead: number;
  /** At or above this score: answer whatever the runner-up scores. */
  sure: number;
  /** Candidates offered when clarifying: within this distance of the best. */
  clarifyWindow: number;
}

/** Tuned on test/eval/dev-questions.yaml (see npm run eval): ≥ 90% of out-of-scope questions fall back. */
export const DEFAULT_THRESHOLDS: RetrieverThresholds = { floor: 0.29, lead: 0.03, sure: 0.5, clarifyWindow: 0.1 };

export interface Retriever {
  /** Entries ranked by score, best first. */
  search(text: string, limit?: number): Match[];
  /** The decision: answer, clarify with candidates, or nothing. */
  classify(text: string): Retrieval;
  readonly size: number;
}

export interface ScoringOptions {
  /** Weight of query coverage against phrasing coverage in a phrasing's score (0–1). */
  queryExponent: number;
  /** Share of the score that comes from the entry as a whole (all its phrasings) rather than its best phrasing. */
  entryBlend: number;
}

export const DEFAULT_SCORING: ScoringOptions = { queryExponent: 0.4, entryBlend: 0.35 };
const REPAIRED_FACTOR = 0.8;
const ACCENT_BONUS = 0.03;
const MAX_QUERY_TOKENS = 60;
const DEFAULT_DECISION_CACHE = 5_000;
/** Postings read to gather candidates (see candidates()); chosen with npm run eval and npm run bench: the same answers as reading every posting, flat cost as the knowledge grows. */
const CANDIDATE_BUDGET = 1200;

export interface RetrieverOptions {
  thresholds?: RetrieverThresholds;
  scoring?: ScoringOptions;
  /** Topics the bot does not answer; when one matches best, the question falls back. */
  outOfScope?: readonly { id: string; questions: readonly string[] }[];
  /** Phrases that mark a question as in scope: out-of-scope topics then do not compete. */
  anchors?: readonly string[];
  /** Recent decisions kept (default 5,000; 0 keeps none, as the latency benchmark does). */
  decisionCache?: number;
}

type Doc = { id: string; questions: readonly string[] };

export function createRetriever(entries: readonly Doc[], options: RetrieverOptions = {}): Retriever {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const { queryExponent: QUERY_COVERAGE_EXPONENT, entryBlend: ENTRY_BLEND } = options.scoring ?? DEFAULT_SCORING;
  const outOfScope = options.outOfScope ?? [];
  // Out-of-scope topics are indexed beside the entries so that a near miss finds its own kind first.
  const outOfScopeIds = new Set(outOfScope.map((t) => t.id));
  const anchors = (options.anchors ?? []).map((a) => ` ${canonicalConcepts(normalizeText(a).folded).join(' ')} `);
  const index = buildTermIndex([...entries, ...outOfScope]);
  const fuse = new Fuse(index.vocabulary, {
    includeScore: true,
    threshold: 0.34,
    ignoreLocation: true,
    minMatchCharLength: 2,
  });
  const repairs = new Map<string, string | null>();
  const decisions = new Map<string, Retrieval>();
  const cacheSize = options.decisionCache ?? DEFAULT_DECISION_CACHE;

  function repair(token: string): string | null {
    // Short syllables are too ambiguous to repair ("qwe" would become "web").
    if (token.length < 4 || /\d/.test(token)) return null;
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
    const concepts = canonicalConcepts(fixed);
    const terms = [...new Set(termsOf(concepts))];
    const joined = ` ${concepts.join(' ')} `;
    const anchored = anchors.some((a) => joined.includes(a));
    const weights = terms.map((t) => {
      const f = t.split(' ').reduce((acc, p) => acc * (factor.get(p) ?? 1), 1);
      return termWeight(index, t) * f;
    });
    // Known terms as sorted ids with aligned weights, for merge-intersection with phrasings.
    const known = terms
      .map((t, i) => ({ id: index.termIds.get(t), w: weights[i]! }))
      .filter((k): k is { id: number; w: number } => k.id !== undefined)
      .sort((a, b) => a.id - b.id);
    const accented = n.tokens.slice(0, MAX_QUERY_TOKENS);
    const accentIds = [...new Set(accented.map((t) => index.accentIds.get(t)).filter((id): id is number => id !== undefined))].sort((a, b) => a - b);
    return {
      ids: Int32Array.from(known.map((k) => k.id)),
      idWeights: Float64Array.from(known.map((k) => k.w)),
      total: weights.reduce((a, b) => a + b, 0),
      anchored,
      accentIds: Int32Array.from(accentIds),
      accentOnes: new Float64Array(accentIds.length).fill(1),
      accentedCount: accented.length,
      isAccented: n.accented,
    };
  }

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

  /** Keeps the best `limit` matches (ties broken by id), without sorting every candidate. */
  function topMatches(all: Iterable<Match>, limit: number, keep: (m: Match) => boolean): Match[] {
    const top: Match[] = [];
    const before = (a: Match, b: Match) => b.score - a.score || a.id.localeCompare(b.id);
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

  /** Every candidate entry with its score (best phrasing blended with the entry as a whole). */
  function scoreAll(text: string): { matches: Iterable<Match>; anchored: boolean } {
    const q = queryTerms(text);
    const total = q.total;
    if (total === 0) return { matches: [], anchored: q.anchored };
    const best = new Map<string, Match>();
    for (const p of candidates(q.ids)) {
      const phrasing = index.phrasings[p]!;
      const m = sharedWeight(phrasing.terms, q.ids, q.idWeights);
      const qCov = Math.min(1, m / total);
      const pCov = Math.min(1, m / phrasing.weight);
      let score = qCov ** QUERY_COVERAGE_EXPONENT * pCov ** (1 - QUERY_COVERAGE_EXPONENT);
      if (q.isAccented && q.accentedCount > 0) {
        score += (ACCENT_BONUS * sharedWeight(phrasing.accented, q.accentIds, q.accentOnes)) / q.accentedCount;
      }
      const prev = best.get(phrasing.entryId);
      if (!prev || score > prev.score) best.set(phrasing.entryId, { id: phrasing.entryId, score, question: phrasing.question });
    }
    for (const m of best.values()) {
      const e = sharedWeight(index.entryTerms.get(m.id)!, q.ids, q.idWeights);
      m.score = (1 - ENTRY_BLEND) * m.score + ENTRY_BLEND * Math.min(1, e / total);
    }
    return { matches: best.values(), anchored: q.anchored };
  }

  /** The best entries (out-of-scope topics left out) and the best match of all, topics included. */
  function rank(text: string, limit: number): { ranked: Match[]; first: Match | undefined } {
    const { matches, anchored } = scoreAll(text);
    const all = [...matches];
    const ranked = topMatches(all, limit, (m) => !outOfScopeIds.has(m.id));
    const [first] = anchored ? ranked : topMatches(all, 1, () => true);
    return { ranked, first };
  }

  /** The decision: answer, clarify with candidates, or nothing. */
  function decide(text: string): Retrieval {
    const { ranked, first } = rank(text, 5);
    if (first && outOfScopeIds.has(first.id)) return { kind: 'none', nearest: ranked.slice(0, 3), outOfScope: first.id };
    const top = ranked[0];
    if (!top || top.score < thresholds.floor) return { kind: 'none', nearest: ranked.slice(0, 3) };
    const lead = top.score - (ranked[1]?.score ?? 0);
    if (top.score >= thresholds.sure || lead >= thresholds.lead) {
      return { kind: 'answer', match: top, alternatives: ranked.slice(1, 3) };
    }
    const candidates = ranked.filter((m) => m.score >= thresholds.floor && m.score >= top.score - thresholds.clarifyWindow).slice(0, 3);
    return { kind: 'clarify', candidates };
  }

  return {
    size: entries.length,
    search(text, limit = 5) {
      return rank(text, limit).ranked;
    },
    classify(text) {
      // Citizens ask the same few questions over and over: recent decisions are kept (least recently used
      // dropped first). A new index (the knowledge changed) starts with an empty cache.
      const cached = decisions.get(text);
      if (cached) {
        decisions.delete(text);
        decisions.set(text, cached);
        return cached;
      }
      const decision = decide(text);
      if (cacheSize === 0) return decision;
      if (decisions.size >= cacheSize) decisions.delete(decisions.keys().next().value!);
      decisions.set(text, decision);
      return decision;
    },
  };
}
