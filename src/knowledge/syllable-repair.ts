/**
 * Typo repair of one unseen syllable: fuse.js over the folded vocabulary, but only over the syllables that
 * share a letter pair with it. A match within the threshold (a third of the letters wrong at most) always
 * keeps one of its letter pairs, so the answer is the same as searching the whole vocabulary, at a tenth of
 * the cost (a long junk message used to spend most of its time here).
 */
import Fuse, { type IFuseOptions } from 'fuse.js';

export const REPAIR_THRESHOLD = 0.34;
const OPTIONS: IFuseOptions<string> = { includeScore: true, threshold: REPAIR_THRESHOLD, ignoreLocation: true, minMatchCharLength: 2 };

export interface SyllableRepairer {
  /** The closest known syllable, or null. */
  repair(token: string): string | null;
}

const pairsOf = (s: string) => {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
};

export function createSyllableRepairer(vocabulary: readonly string[]): SyllableRepairer {
  const byPair = new Map<string, number[]>();
  vocabulary.forEach((word, i) => {
    for (const p of pairsOf(word)) (byPair.get(p) ?? byPair.set(p, []).get(p)!).push(i);
  });
  const mark = new Int32Array(vocabulary.length).fill(-1);
  const shared = new Int32Array(vocabulary.length);
  let stamp = 0;
  return {
    repair(token) {
      stamp++;
      const found: number[] = [];
      const pairs = pairsOf(token);
      for (const p of pairs) {
        for (const i of byPair.get(p) ?? []) {
          if (mark[i] !== stamp) {
            mark[i] = stamp;
            shared[i] = 0;
            found.push(i);
          }
          shared[i]!++;
        }
      }
      // A match has at most a third of the letters wrong, and each wrong letter breaks at most two letter
      // pairs: a word sharing fewer pairs cannot match (long English words share a pair with half the vocabulary).
      const need = Math.max(1, pairs.size - 2 * Math.floor(REPAIR_THRESHOLD * token.length));
      const close = found.filter((i) => shared[i]! >= need);
      if (close.length === 0) return null;
      // Vocabulary order kept, so that ties resolve as a search of the whole vocabulary does.
      const candidates = close.sort((a, b) => a - b).map((i) => vocabulary[i]!);
      const best = new Fuse(candidates, OPTIONS).search(token, { limit: 1 })[0];
      return best && (best.score ?? 1) <= REPAIR_THRESHOLD ? best.item : null;
    },
  };
}
