/**
 * A query as the retriever scores it: the weighted terms of one or more segments of a message. A segment's
 * weight says how much it counts: the sentences that ask count fully, the story around them less. A syllable
 * the index has never seen is repaired by fuse.js over the folded vocabulary (syllable-repair.ts), within a
 * fixed budget per message, so that no message, however long or strange, costs more than a bounded amount.
 */
import { VIETNAMESE_READING, type Reading } from './reading.js';
import { createEditRepairer, createSyllableRepairer, SLIP, type EditCandidate } from './syllable-repair.js';
import { termsOf, termWeight, type TermIndex } from './term-index.js';

export interface QuerySegment {
  /** Canonical accented tokens. */
  tokens: readonly string[];
  /** The same tokens folded. */
  folded: readonly string[];
  /** 1 for what is asked; less for context. */
  weight: number;
}

export interface Query {
  /** Known term ids, sorted, with their weights aligned. */
  ids: Int32Array;
  idWeights: Float64Array;
  /** Sum of the weights of every query term, known or not. */
  total: number;
  /** The terms of the fully weighted segments only (what is asked), for the coverage signal. */
  askedIds: Int32Array;
  askedWeights: Float64Array;
  askedTotal: number;
  /** The query names something in scope (an anchor such as "BHXH", "lương hưu"). */
  anchored: boolean;
  accentIds: Int32Array;
  accentOnes: Float64Array;
  accentedCount: number;
  isAccented: boolean;
}

const REPAIRED_FACTOR = 0.8;
/** Fuzzy repairs of unseen syllables per message (across all its readings); further unseen syllables stay as they are. */
export const MAX_REPAIRS_PER_MESSAGE = 8;

/** What one message may still spend on fuzzy repairs; `tried` counts the searches made, for tests and benchmarks. */
export interface RepairBudget {
  left: number;
  tried: number;
  /** One-slip lookups left (much cheaper than a fuzzy search). */
  slips: number;
}

/** One-slip lookups per message: a letter's unseen words, not a flood of junk. */
export const MAX_SLIP_LOOKUPS_PER_MESSAGE = 60;
/** A known syllable pair with a neighbour makes a one-slip repair this much likelier. */
const NEIGHBOUR_BONUS = 2;

export const repairBudget = (): RepairBudget => ({ left: MAX_REPAIRS_PER_MESSAGE, tried: 0, slips: MAX_SLIP_LOOKUPS_PER_MESSAGE });
/** Longer tokens are not syllables (Vietnamese syllables have at most 7 letters): never repaired. */
export const MAX_REPAIR_LENGTH = VIETNAMESE_READING.repair.max;
const REPAIR_CACHE = 20_000;

export interface QueryBuilder {
  build(segments: readonly QuerySegment[], isAccented: boolean, budget?: RepairBudget): Query;
}

export function createQueryBuilder(index: TermIndex, anchors: readonly string[][], reading: Reading = VIETNAMESE_READING): QueryBuilder {
  const repairer = createSyllableRepairer(index.vocabulary);
  const slipRepairer = createEditRepairer(new Map(index.vocabulary.map((w) => [w, index.postings[index.termIds.get(w)!]?.length ?? 1])));
  const repairs = new Map<string, string | null>();
  const slips = new Map<string, EditCandidate[]>();
  const anchorTexts = anchors.map((a) => ` ${reading.concepts(a).join(' ')} `);

  function repair(token: string, budget: RepairBudget): string | null {
    // Short syllables are too ambiguous to repair ("qwe" would become "web"); long tokens are not syllables.
    if (token.length < reading.repair.min || token.length > reading.repair.max || /\d/.test(token)) return null;
    const cached = repairs.get(token);
    if (cached !== undefined) return cached;
    if (budget.left <= 0) return null;
    budget.left--;
    budget.tried++;
    const fixed = repairer.repair(token);
    if (repairs.size >= REPAIR_CACHE) repairs.delete(repairs.keys().next().value!);
    repairs.set(token, fixed);
    return fixed;
  }

  /** Two words the knowledge uses together, as written or under a synonym ("công ty" is "doanh nghiệp"). */
  function knownPair(a: string, b: string): boolean {
    if (index.weights.has(`${a} ${b}`)) return true;
    const read = reading.concepts([a, b]);
    return read.length !== 2 || read[0] !== a || read[1] !== b;
  }

  /** The known word one slip from the token that fits its neighbours best, or the fuzzy repair. */
  function repairInContext(token: string, before: string | undefined, after: string | undefined, budget: RepairBudget): string | null {
    const { slip, min, max, isWord, known } = reading.repair;
    if (known?.has(token)) return null;
    if (token.length < slip || token.length > max || /\d/.test(token)) return null;
    let candidates = slips.get(token);
    if (candidates === undefined) {
      if (budget.slips <= 0) return token.length >= min ? repair(token, budget) : null;
      budget.slips--;
      candidates = slipRepairer.candidates(token);
      if (slips.size >= REPAIR_CACHE) slips.delete(slips.keys().next().value!);
      slips.set(token, candidates);
    }
    const needsNeighbour = isWord ? isWord(token) : token.length < min;
    let best: string | null = null;
    let bestScore = -Infinity;
    for (const c of candidates) {
      const neighbours = (before && knownPair(before, c.word) ? 1 : 0) + (after && knownPair(c.word, after) ? 1 : 0);
      if ((needsNeighbour || c.slip < SLIP.swapped) && neighbours === 0) continue;
      const score = c.prior + NEIGHBOUR_BONUS * neighbours;
      if (score > bestScore) [best, bestScore] = [c.word, score];
    }
    if (best !== null || candidates.length > 0 || token.length < min) return best;
    return repair(token, budget);
  }

  function build(segments: readonly QuerySegment[], isAccented: boolean, budget: RepairBudget = repairBudget()): Query {
    const weightOf = new Map<string, number>();
    const asked = new Map<string, number>();
    const accented = new Set<string>();
    let accentedCount = 0;
    let anchored = false;
    for (const segment of segments) {
      const factor = new Map<string, number>();
      const fixed = segment.folded.map((tok, i) => {
        if (index.weights.has(tok)) return tok;
        const r = repairInContext(tok, segment.folded[i - 1], segment.folded[i + 1], budget);
        if (r) factor.set(r, REPAIRED_FACTOR);
        return r ?? tok;
      });
      const concepts = reading.concepts(fixed);
      const joined = ` ${concepts.join(' ')} `;
      if (!anchored && anchorTexts.some((a) => joined.includes(a))) anchored = true;
      for (const t of new Set(termsOf(concepts))) {
        const f = t.split(' ').reduce((acc, p) => acc * (factor.get(p) ?? 1), 1);
        const w = termWeight(index, t) * f * segment.weight;
        if (w > (weightOf.get(t) ?? 0)) weightOf.set(t, w);
        if (segment.weight >= 1 && w > (asked.get(t) ?? 0)) asked.set(t, w);
      }
      for (const t of segment.tokens) accented.add(t);
      accentedCount += segment.tokens.length;
    }
    const known = (terms: Map<string, number>) =>
      [...terms]
        .map(([t, w]) => ({ id: index.termIds.get(t), w }))
        .filter((k): k is { id: number; w: number } => k.id !== undefined)
        .sort((a, b) => a.id - b.id);
    const all = known(weightOf);
    const askedKnown = known(asked);
    const accentIds = [...accented].map((t) => index.accentIds.get(t)).filter((id): id is number => id !== undefined).sort((a, b) => a - b);
    return {
      ids: Int32Array.from(all.map((k) => k.id)),
      idWeights: Float64Array.from(all.map((k) => k.w)),
      total: sum(weightOf.values()),
      askedIds: Int32Array.from(askedKnown.map((k) => k.id)),
      askedWeights: Float64Array.from(askedKnown.map((k) => k.w)),
      askedTotal: sum(asked.values()),
      anchored,
      accentIds: Int32Array.from(accentIds),
      accentOnes: new Float64Array(accentIds.length).fill(1),
      accentedCount,
      isAccented,
    };
  }

  return { build };
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
