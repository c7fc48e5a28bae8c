/**
 * A query as the retriever scores it: the weighted terms of one or more segments of a message. A segment's
 * weight says how much it counts: the sentences that ask count fully, the story around them less. A syllable
 * the index has never seen is repaired by fuse.js over the folded vocabulary (syllable-repair.ts), within a
 * fixed budget per message, so that no message, however long or strange, costs more than a bounded amount.
 */
import { VIETNAMESE_READING, type Reading } from './reading.js';
import { createSyllableRepairer } from './syllable-repair.js';
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
}

export const repairBudget = (): RepairBudget => ({ left: MAX_REPAIRS_PER_MESSAGE, tried: 0 });
/** Longer tokens are not syllables (Vietnamese syllables have at most 7 letters): never repaired. */
export const MAX_REPAIR_LENGTH = VIETNAMESE_READING.repair.max;
const REPAIR_CACHE = 20_000;

export interface QueryBuilder {
  build(segments: readonly QuerySegment[], isAccented: boolean, budget?: RepairBudget): Query;
}

export function createQueryBuilder(index: TermIndex, anchors: readonly string[][], reading: Reading = VIETNAMESE_READING): QueryBuilder {
  const repairer = createSyllableRepairer(index.vocabulary);
  const repairs = new Map<string, string | null>();
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

  function build(segments: readonly QuerySegment[], isAccented: boolean, budget: RepairBudget = repairBudget()): Query {
    const weightOf = new Map<string, number>();
    const asked = new Map<string, number>();
    const accented = new Set<string>();
    let accentedCount = 0;
    let anchored = false;
    for (const segment of segments) {
      const factor = new Map<string, number>();
      const fixed = segment.folded.map((tok) => {
        if (index.weights.has(tok)) return tok;
        const r = repair(tok, budget);
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
