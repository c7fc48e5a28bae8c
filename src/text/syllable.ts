/**
 * Vietnamese syllable structure: splitting a syllable into its tone and its toneless base, checking that a
 * base + tone is a real Vietnamese syllable, and putting the tone mark back in one canonical place.
 *
 * Tones are numbered as in VNI: 0 ngang, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
 */
import { fold } from './fold.js';

export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

const TONE_COMBINING: Record<string, Tone> = {
  '\u0301': 1,
  '\u0300': 2,
  '\u0309': 3,
  '\u0303': 4,
  '\u0323': 5,
};
const COMBINING_BY_TONE = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;

const VOWELS = new Set([...'aăâeêioôơuưy']);
const MARKED_VOWELS = new Set([...'ăâêôơư']);

/** Initial consonants, longest first so that "ngh" wins over "ng" and "n". */
const INITIALS = [
  'ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x',
];

/** Every rhyme (vowel nucleus plus final) written in Vietnamese, without tone. */
const RHYMES = new Set(
  (
    'a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt ' +
    'âc âm ân âng âp ât âu ây e ec em en eng eo ep et ê êch êm ên ênh êp êt êu ' +
    'i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu ' +
    'o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt ' +
    'oc oe oen oeo oet oi om on ong ooc oong op ot ' +
    'ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt ' +
    'u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ uôc uôi uôm uôn uông uôt ' +
    'up ut uy uya uych uyên uyêt uynh uyt uyu uyn ' +
    'ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu ' +
    'y yêm yên yêng yêt yêu'
  ).split(' '),
);

const FOLDED_RHYMES = new Set([...RHYMES].map(fold));
const FOLDED_INITIALS = INITIALS.filter((i) => i !== 'đ');

/**
 * True when a word without diacritics can be read as a Vietnamese syllable ("dong", "nghieng"), false for
 * what no syllable is spelt as ("dng", "cog", "thnag"): a typing slip, or a word from another language.
 */
export function isFoldedSyllable(folded: string): boolean {
  if (FOLDED_RHYMES.has(folded)) return true;
  return FOLDED_INITIALS.some((i) => folded.startsWith(i) && FOLDED_RHYMES.has(folded.slice(i.length)));
}

/** Rhymes that may follow "qu" (the u belongs to the initial). */
const STOP_FINALS = ['ch', 'c', 'p', 't'];

export interface SyllableParts {
  initial: string;
  rhyme: string;
}

/** Removes the tone mark from one lower-case NFC syllable; quality marks (â, ơ, đ…) stay. */
export function splitTone(syllable: string): { base: string; tone: Tone } {
  let tone: Tone = 0;
  let base = '';
  for (const ch of syllable.normalize('NFD')) {
    const t = TONE_COMBINING[ch];
    if (t !== undefined) tone = t;
    else base += ch;
  }
  return { base: base.normalize('NFC'), tone };
}

/** Splits a toneless base into initial consonant and rhyme, or null when no initial/rhyme split fits. */
export function splitSyllable(base: string): SyllableParts | null {
  for (const initial of INITIALS) {
    if (!base.startsWith(initial)) continue;
    const rest = base.slice(initial.length);
    if (initial === 'gi') {
      // "gi" is an initial only before another vowel: gia, giường; but gì, gìn are g + i(n).
      if (rest.length > 0 && VOWELS.has(rest[0]!) && RHYMES.has(rest)) return { initial, rhyme: rest };
      if (RHYMES.has('i' + rest)) return { initial: 'g', rhyme: 'i' + rest };
      continue;
    }
    if (initial === 'qu') {
      if (RHYMES.has(rest) || RHYMES.has('u' + rest)) return { initial, rhyme: rest };
      continue;
    }
    if (RHYMES.has(rest)) return { initial, rhyme: rest };
  }
  if (RHYMES.has(base)) return { initial: '', rhyme: base };
  return null;
}

/** True when base + tone is a well-formed Vietnamese syllable (spelling rules included). */
export function isValidSyllable(base: string, tone: Tone): boolean {
  const parts = splitSyllable(base);
  if (!parts) return false;
  const { initial, rhyme } = parts;
  if (rhyme === '' ) return false;
  if (STOP_FINALS.some((f) => rhyme.endsWith(f)) && tone !== 0 && tone !== 1 && tone !== 5) return false;
  const first = rhyme[0]!;
  const front = first === 'i' || first === 'e' || first === 'ê' || first === 'y';
  if ((initial === 'k' || initial === 'gh' || initial === 'ngh') && !front) return false;
  if ((initial === 'c' || initial === 'g' || initial === 'ng') && front && !(initial === 'g' && first === 'i')) {
    return false;
  }
  return true;
}

/** Index (in the base string) of the vowel that carries the tone, in the traditional placement (hòa, thúy). */
function toneIndex(base: string): number {
  const parts = splitSyllable(base);
  const start = parts ? parts.initial.length : 0;
  const chars = [...base];
  const vowelIdx: number[] = [];
  for (let i = start; i < chars.length; i++) if (VOWELS.has(chars[i]!)) vowelIdx.push(i);
  if (vowelIdx.length === 0) {
    // "gì", "gìn": the i after g is the vowel.
    const i = chars.indexOf('i');
    return i;
  }
  if (vowelIdx.length === 1) return vowelIdx[0]!;
  const marked = vowelIdx.filter((i) => MARKED_VOWELS.has(chars[i]!));
  if (marked.length > 0) return marked[marked.length - 1]!;
  const last = vowelIdx[vowelIdx.length - 1]!;
  const hasFinal = last < chars.length - 1;
  if (hasFinal) return last;
  if (vowelIdx.length === 3) return vowelIdx[1]!;
  return vowelIdx[0]!;
}

/** Writes base + tone with the tone mark in its canonical place; returns NFC. */
export function placeTone(base: string, tone: Tone): string {
  if (tone === 0) return base;
  const idx = toneIndex(base);
  if (idx < 0) return base;
  const chars = [...base];
  chars[idx] = (chars[idx]! + COMBINING_BY_TONE[tone]).normalize('NFC');
  return chars.join('').normalize('NFC');
}

/** Rewrites one lower-case syllable with its tone in the canonical place ("hoà" → "hòa"); others unchanged. */
export function canonicalSyllable(syllable: string): string {
  const { base, tone } = splitTone(syllable);
  if (tone === 0 || !splitSyllable(base)) return syllable.normalize('NFC');
  return placeTone(base, tone);
}
