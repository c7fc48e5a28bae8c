/**
 * Groups the unanswered questions so that the same question typed with or without diacritics, in Telex, or
 * with a typo, is one group. Questions are compared on their folded, normalised form (the text layer already
 * removes diacritics, decodes Telex/VNI and expands abbreviations) by letter-pair similarity, which tolerates
 * a typo or two; wordings similar enough are linked into one group, whatever the order they came in.
 */
import { breather } from './event-loop-slices.js';
import type { Channel } from '../core/types.js';
import { normalizeText } from '../text/normalize.js';

export interface QueuedQuestion {
  id: number;
  text: string;
  /** The folded, normalised form, when the queue stored it (else computed here). */
  folded?: string;
  channel: Channel;
  createdAt: number;
}

export interface QuestionGroup {
  /** The title: the wording with the most diacritics (the most readable), the most recent among equals. */
  text: string;
  ids: number[];
  /** Distinct wordings, most frequent first. */
  wordings: { text: string; count: number }[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  channels: Channel[];
}

export const SIMILAR = 0.8;

/** How many diacritics a wording carries (tone and quality marks, đ): the title is the wording with the most. */
export const marks = (t: string) => t.normalize('NFD').replace(/[^\u0300-\u036f\u0111\u0110]/g, '').length;

function pairs(folded: string): Map<string, number> {
  const s = folded.replace(/\s+/g, ' ');
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const p = s.slice(i, i + 2);
    out.set(p, (out.get(p) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over letter pairs (with multiplicity), 0–1. */
export function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const n of a.values()) total += n;
  for (const n of b.values()) total += n;
  for (const [p, n] of a) shared += Math.min(n, b.get(p) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * The pairs of forms whose Dice similarity reaches the threshold, found without comparing every pair (2,000
 * queued questions took 4 s that way): prefix filtering. Each letter pair, counted with its multiplicity ("ng",
 * "ng" again), is an element, coded as a number; Dice ≥ t is Jaccard ≥ j = t/(2−t), and two sets that similar
 * share one of the |x| − ⌈j·|x|⌉ + 1 rarest elements of each, so only forms sharing one of those are compared,
 * by merging their sorted codes. Exact: the same pairs as comparing all of them.
 */
function* similarPairSteps(bags: readonly Map<string, number>[], threshold: number): Generator<void, [number, number][]> {
  const jaccard = threshold / (2 - threshold);
  const codes = new Map<string, number>();
  const raw = bags.map((bag) => {
    const out: number[] = [];
    for (const [p, n] of bag) {
      for (let k = 0; k < n; k++) {
        const key = `${p}#${k}`;
        let c = codes.get(key);
        if (c === undefined) codes.set(key, (c = codes.size));
        out.push(c);
      }
    }
    return out;
  });
  const frequency = new Int32Array(codes.size);
  for (const list of raw) for (const c of list) frequency[c]!++;
  // One global order, rarest first: rank the codes, then sort every set by rank.
  const order = [...frequency.keys()].sort((a, b) => frequency[a]! - frequency[b]! || a - b);
  const rank = new Int32Array(codes.size);
  order.forEach((c, r) => (rank[c] = r));
  const sets = raw.map((list) => Int32Array.from(list, (c) => rank[c]!).sort());
  const index = new Map<number, number[]>();
  const stamp = new Int32Array(sets.length).fill(-1);
  const out: [number, number][] = [];
  for (let i = 0; i < sets.length; i++) {
    if (i % 16 === 15) yield; // a point where a caller may let the event loop run
    const x = sets[i]!;
    const prefix = x.length - Math.ceil(jaccard * x.length - 1e-9) + 1;
    for (let k = 0; k < Math.min(prefix, x.length); k++) {
      const postings = index.get(x[k]!);
      if (!postings) {
        index.set(x[k]!, [i]);
        continue;
      }
      for (const j of postings) {
        if (stamp[j] === i) continue;
        stamp[j] = i;
        const y = sets[j]!;
        const need = Math.ceil((threshold * (x.length + y.length)) / 2 - 1e-9);
        if (Math.min(x.length, y.length) < need) continue;
        let shared = 0;
        for (let a = 0, b = 0; a < x.length && b < y.length; ) {
          if (x[a] === y[b]) (shared++, a++, b++);
          else if (x[a]! < y[b]!) a++;
          else b++;
        }
        if (shared >= need) out.push([j, i]);
      }
      postings.push(i);
    }
  }
  return out;
}

export function similarPairs(bags: readonly Map<string, number>[], threshold: number): [number, number][] {
  return runToEnd(similarPairSteps(bags, threshold));
}

function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps, letting the event loop run whenever `sliceMs` have passed (the bot keeps answering). */
async function runSliced<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  const breathe = breather(sliceMs);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await breathe();
  }
}

export function groupQuestions(questions: readonly QueuedQuestion[], threshold = SIMILAR): QuestionGroup[] {
  return runToEnd(groupSteps(questions, threshold));
}

/** The same groups, computed in slices of at most about `sliceMs` of the event loop. */
export function groupQuestionsSliced(questions: readonly QueuedQuestion[], threshold = SIMILAR, sliceMs = 8): Promise<QuestionGroup[]> {
  return runSliced(groupSteps(questions, threshold), sliceMs);
}

function* groupSteps(questions: readonly QueuedQuestion[], threshold: number): Generator<void, QuestionGroup[]> {
  // Distinct folded forms, linked when similar (single linkage, so the order of arrival does not matter).
  const forms = new Map<string, QueuedQuestion[]>();
  for (const q of questions) {
    const folded = q.folded ?? normalizeText(q.text).folded.join(' ');
    const list = forms.get(folded);
    if (list) list.push(q);
    else forms.set(folded, [q]);
  }
  const keys = [...forms.keys()];
  const bags = keys.map(pairs);
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const [i, j] of yield* similarPairSteps(bags, threshold)) if (find(i) !== find(j)) parent[find(i)] = find(j);
  const clusters = new Map<number, QueuedQuestion[]>();
  keys.forEach((k, i) => {
    const root = find(i);
    clusters.set(root, [...(clusters.get(root) ?? []), ...forms.get(k)!]);
  });
  const groups = [...clusters.values()].map((members) => ({ members: members.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id) }));
  return groups
    .map(({ members }) => {
      const wordings = new Map<string, number>();
      for (const m of members) wordings.set(m.text, (wordings.get(m.text) ?? 0) + 1);
      const title = members.reduce((best, m) => (marks(m.text) > marks(best.text) ? m : best), members[0]!);
      return {
        text: title.text,
        ids: members.map((m) => m.id),
        wordings: [...wordings].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count),
        count: members.length,
        firstSeen: Math.min(...members.map((m) => m.createdAt)),
        lastSeen: Math.max(...members.map((m) => m.createdAt)),
        channels: [...new Set(members.map((m) => m.channel))].sort(),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen);
}
