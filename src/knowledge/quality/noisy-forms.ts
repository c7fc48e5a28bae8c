/**
 * Derives the ways citizens retype a question: without diacritics, with the input method off (Telex, VNI),
 * and with typing slips. Deterministic (seeded), so evaluation figures are repeatable.
 */
import { fold } from '../../text/fold.js';
import { splitTone } from '../../text/syllable.js';

const TELEX_TONE = ['', 's', 'f', 'r', 'x', 'j'];
const TELEX_LETTER: Record<string, string> = { đ: 'dd', â: 'aa', ê: 'ee', ô: 'oo', ă: 'aw', ơ: 'ow', ư: 'uw' };
const VNI_LETTER: Record<string, string> = { đ: 'd9', â: 'a6', ê: 'e6', ô: 'o6', ă: 'a8', ơ: 'o7', ư: 'u7' };

function encodeWord(token: string, letters: Record<string, string>, tones: readonly string[]): string {
  // Only the letters are retyped; punctuation around them stays where it was ("vậy?" → "vaayj?").
  const m = /^([^\p{L}]*)([\p{L}]+)(.*)$/u.exec(token);
  if (!m) return token;
  return m[1]! + encodeLetters(m[2]!, letters, tones) + m[3]!;
}

function encodeLetters(word: string, letters: Record<string, string>, tones: readonly string[]): string {
  const { base, tone } = splitTone(word.toLowerCase());
  let out = '';
  for (const ch of base) out += letters[ch] ?? ch;
  return out + (tones[tone] ?? '');
}

export function toTelex(text: string): string {
  return text.split(/(\s+)/).map((w) => (/\p{L}/u.test(w) ? encodeWord(w, TELEX_LETTER, TELEX_TONE) : w)).join('');
}

export function toVni(text: string): string {
  return text.split(/(\s+)/).map((w) => (/\p{L}/u.test(w) ? encodeWord(w, VNI_LETTER, ['', '1', '2', '3', '4', '5']) : w)).join('');
}

export function unaccented(text: string): string {
  return fold(text).toLowerCase();
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unaccented text with one slip in a longer word: a dropped, doubled or swapped letter. */
export function withTypo(text: string, random: () => number): string {
  const words = unaccented(text).split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4 && /^[a-z]+$/.test(w));
  if (candidates.length === 0) return words.join(' ');
  const [word, index] = candidates[Math.floor(random() * candidates.length)]!;
  const pos = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  const slipped =
    kind === 0 ? word.slice(0, pos) + word.slice(pos + 1) : kind === 1 ? word.slice(0, pos) + word[pos] + word.slice(pos) : word.slice(0, pos - 1) + word[pos] + word[pos - 1] + word.slice(pos + 1);
  words[index] = slipped;
  return words.join(' ');
}

/** Folded phrases people shorten when typing fast on a phone, longest first (the evaluation's "noisy" letters). */
const PHONE_SHORTHAND: [RegExp, string][] = [
  [/\bbao hiem xa hoi\b/g, 'bhxh'],
  [/\bbao hiem y te\b/g, 'bhyt'],
  [/\bbao hiem that nghiep\b/g, 'bhtn'],
  [/\bnguoi lao dong\b/g, 'nld'],
  [/\bcong ty\b/g, 'cty'],
  [/\bnhu the nao\b/g, 'ntn'],
  [/\bbao nhieu\b/g, 'bn'],
  [/\bkhong\b/g, 'ko'],
  [/\bduoc\b/g, 'dc'],
  [/\broi\b/g, 'r'],
  [/\bvoi\b/g, 'vs'],
  [/\bgi\b/g, 'j'],
  [/\bem\b/g, 'e'],
  [/\bminh\b/g, 'mk'],
];

/**
 * A letter as typed fast on a cheap phone: no diacritics, common words shortened ("ko", "dc", "bhxh", "bn"),
 * most punctuation dropped, and a typing slip in about one word in twelve. Deterministic for a given PRNG.
 */
export function toPhoneTyping(text: string, random: () => number): string {
  let s = unaccented(text).replace(/[.,;:!]+(?=\s|$)/g, (m) => (random() < 0.7 ? '' : m));
  for (const [pattern, short] of PHONE_SHORTHAND) s = s.replace(pattern, () => (random() < 0.75 ? short : pattern.source.slice(2, -2)));
  const words = s.split(/\s+/);
  const slips = Math.max(1, Math.round(words.length / 12));
  let out = words.join(' ');
  for (let i = 0; i < slips; i++) out = withTypo(out, random);
  return out;
}
