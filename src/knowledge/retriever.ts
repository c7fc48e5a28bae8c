/**
 * The Vietnamese-aware FAQ retriever. Questions are matched on folded syllables and syllable pairs weighted by
 * how rare they are across entries; a query syllable the index has never seen is repaired by fuse.js over the
 * folded vocabulary (built once). The score is the weighted share of the query that a phrasing covers, times
 * the share of the phrasing the query covers, with a small tie-break for matching accents.
 */
import Fuse from 'fuse.js';
import { normalizeText } from '../text/normalize.js';
import { canonicalConcepts } from './concepts.js';
import { buildTermIndex, termsOf, termWeight } from './term-index.js';

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

export interface RetrieverOptions {
  thresholds?: RetrieverThresholds;
  scoring?: ScoringOptions;
  /** Topics the bot does not answer; when one matches best, the question falls back. */
  outOfScope?: readonly { id: string; questions: readonly string[] }[];
  /** Phrases that mark a question as in scope: out-of-scope topics then do not compete. */
  anchors?: readonly string[];
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
    return { terms, weights, anchored, accented: n.tokens.slice(0, MAX_QUERY_TOKENS), isAccented: n.accented };
  }

  /** Ranked matches, out-of-scope topics included unless the question carries an in-scope anchor. */
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
    const entryMatched = new Map<string, number>();
    q.terms.forEach((term, i) => {
      for (const id of index.entryPostings.get(term) ?? []) entryMatched.set(id, (entryMatched.get(id) ?? 0) + q.weights[i]!);
    });
    for (const m of best.values()) {
      const eCov = Math.min(1, (entryMatched.get(m.id) ?? 0) / total);
      m.score = (1 - ENTRY_BLEND) * m.score + ENTRY_BLEND * eCov;
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return q.anchored ? ranked.filter((m) => !outOfScopeIds.has(m.id)) : ranked;
  }

  return {
    size: entries.length,
    search(text, limit = 5) {
      return scoreAll(text)
        .filter((m) => !outOfScopeIds.has(m.id))
        .slice(0, limit);
    },
    classify(text) {
      const all = scoreAll(text);
      const ranked = all.filter((m) => !outOfScopeIds.has(m.id)).slice(0, 5);
      const first = all[0];
      if (first && outOfScopeIds.has(first.id)) return { kind: 'none', nearest: ranked.slice(0, 3), outOfScope: first.id };
      const top = ranked[0];
      if (!top || top.score < thresholds.floor) return { kind: 'none', nearest: ranked.slice(0, 3) };
      const lead = top.score - (ranked[1]?.score ?? 0);
      if (top.score >= thresholds.sure || lead >= thresholds.lead) {
        return { kind: 'answer', match: top, alternatives: ranked.slice(1, 3) };
      }
      const candidates = ranked.filter((m) => m.score >= thresholds.floor && m.score >= top.score - thresholds.clarifyWindow).slice(0, 3);
      return { kind: 'clarify', candidates };
    },
  };
}
