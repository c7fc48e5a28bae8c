/**
 * Distractor entries for the latency runs: question phrasings made of real Vietnamese syllables from the
 * knowledge base, shuffled deterministically, so that the index grows the way a real one would.
 */
import { prng } from '../src/knowledge/quality/noisy-forms.js';
import type { Doc } from './contenders.js';

export function synthesise(real: Doc[], total: number, seed = 7): Doc[] {
  if (total <= real.length) return real.slice(0, total);
  const random = prng(seed);
  const words = [...new Set(real.flatMap((d) => d.questions.join(' ').split(/\s+/)))].filter((w) => /\p{L}/u.test(w));
  const pick = () => words[Math.floor(random() * words.length)]!;
  const out = [...real];
  for (let i = out.length; i < total; i++) {
    const questions = Array.from({ length: 4 }, () => Array.from({ length: 6 + Math.floor(random() * 6) }, pick).join(' '));
    out.push({ id: `synthetic-${i}`, questions });
  }
  return out;
}
