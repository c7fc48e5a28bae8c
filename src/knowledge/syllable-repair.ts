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

/** A word one typing slip away from an unseen one, with how likely that slip and that word are. */
export interface EditCandidate {
  word: string;
  prior: number;
  /** The likeliest slip that makes the token from the word (SLIP). */
  slip: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
// How people slip on a phone keyboard: a doubled letter or two letters swapped are the commonest, a dropped
// or extra letter next, a wrong key least (it also turns one real word into another most easily).
export const SLIP = { doubled: 1, swapped: 1, extra: 0.6, dropped: 0.6, wrongKey: 0.2 } as const;

/**
 * The known words one slip (Damerau edit) from a token, each with a prior: the slip's likelihood plus how
 * often the word occurs in the knowledge. Set lookups only (about 50 per letter), so it is cheap enough to
 * try on every unseen word of a letter, and it repairs short syllables ("dng", "cog") that fuse.js cannot.
 */
export function createEditRepairer(frequency: ReadonlyMap<string, number>): { candidates(token: string): EditCandidate[] } {
  return {
    candidates(token) {
      const best = new Map<string, EditCandidate>();
      const consider = (word: string, slip: number) => {
        const df = frequency.get(word);
        if (df === undefined) return;
        const prior = slip + 0.5 * Math.log(1 + df);
        if (prior > (best.get(word)?.prior ?? -Infinity)) best.set(word, { word, prior, slip });
      };
      for (let i = 0; i < token.length; i++) {
        const without = token.slice(0, i) + token.slice(i + 1);
        consider(without, token[i] === token[i - 1] || token[i] === token[i + 1] ? SLIP.doubled : SLIP.extra);
        if (i + 1 < token.length) consider(token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2), SLIP.swapped);
        for (const c of LETTERS) if (c !== token[i]) consider(token.slice(0, i) + c + token.slice(i + 1), SLIP.wrongKey);
      }
      for (let i = 0; i <= token.length; i++) for (const c of LETTERS) consider(token.slice(0, i) + c + token.slice(i), SLIP.dropped);
      return [...best.values()];
    },
  };
}
