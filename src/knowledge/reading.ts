/**
 * How the retriever reads a language: the normaliser, the question focus, the shape of a follow-up, the domain
 * synonyms, the words that say little, and how unseen words are repaired. Vietnamese is the knowledge's own
 * language (an English message can still be read through the glossary); English has its own phrasings and
 * index (the English retriever in faq-index.ts), so that an English question is matched on English words.
 */
import { looksEllipticalEnglish, focusEnglish } from '../text/english-focus.js';
import { readEnglish } from '../text/english-glossary.js';
import { normalizeEnglish, stem } from '../text/english-normalize.js';
import { normalizeText, type NormalizedText } from '../text/normalize.js';
import { isFoldedSyllable } from '../text/syllable.js';
import { focusQuestion, SHORT_MESSAGE_TOKENS, splitRunOns, type QuestionFocus } from '../text/question-focus.js';
import { canonicalConcepts, CONCEPT_WORDS } from './concepts.js';
import { looksElliptical } from './follow-up.js';
import type { ScoringOptions } from './scoring.js';

export interface Reading {
  readonly language: 'vi' | 'en';
  /** What the message is read as before anything else. */
  prepare(raw: string): string;
  normalize(text: string): NormalizedText;
  focus(text: string): QuestionFocus;
  /** The shape of a follow-up that leans on the answer before ("còn nữ thì sao?", "what about women?"). */
  elliptical(focus: QuestionFocus): boolean;
  /** Domain synonyms on folded tokens, applied to the knowledge and the question alike. */
  concepts(folded: readonly string[]): string[];
  /** Words that say little about what is asked: they keep a small weight. */
  fillers: ReadonlySet<string>;
  /**
   * Lengths of an unseen word that typo repair may try: one slip from a known word from `slip` letters up (below
   * `min` only where a neighbour confirms the repair, or where `isWord` says no word is spelt so), by
   * similarity (fuse.js) from `min` up when no word is one slip away.
   */
  repair: { min: number; max: number; slip: number; isWord?: (folded: string) => boolean; known?: ReadonlySet<string> };
  /** In tokens: a message up to `short` is one question as it stands; one over `letter` is decided as a letter. */
  lengths: { short: number; letter: number };
  /** How entries are scored (scoring.ts); the default when not given. */
  scoring?: ScoringOptions;
  /** A letter typed without punctuation, cut into its questions (a guess), or null when there is nothing to cut. */
  runOns?(focus: QuestionFocus): QuestionFocus | null;
  /** Whether the named-scheme preference (schemes.ts, Vietnamese words) applies. */
  schemes: boolean;
}

const VIETNAMESE_FILLERS = new Set(
  (
    'cho toi em anh chi minh ban hoi xin a ah ak nhe nha nhi vay ha oi ad admin bot giup vui long cam on ' +
    'thi ma cua va nhung cac rat da dang se roi kia day ne u uh vang chao kinh thua muon biet can duoc khong ' +
    'co nao gi la thuong neu khi nhu the voi o tai de lam ve nay'
  ).split(' '),
);

const ENGLISH_FILLERS = new Set(
  (
    'i me my mine we us our you your he she him her his they them their it its a an the is are am was were be been ' +
    'do does did to of in on at by for with from about as into than then so or and but this that these those there ' +
    'here have has had can could should would will shall may might must please just also still really very any some ' +
    'now currently already yet hi hello dear thanks thank regards sir madam ok okay want know like ask question tell ' +
    'help need get got anyone someone ' +
    // the asker's situation, which the knowledge does not answer on: places, nationalities, trades
    'city province hanoi noi ho chi minh hcmc saigon da nang danang hai phong can tho hue nha trang binh duong dong nai bac kan ' +
    'japanese korean chinese indian american british filipino thai taiwanese french german australian singaporean ' +
    'engineer architect teacher developer programmer translator designer nurse accountant manager driver chef'
  )
    .split(' ')
    .map(stem),
);

/** Vietnamese syllables have at most 7 letters; shorter ones are too ambiguous to repair. */
export const VIETNAMESE_READING: Reading = {
  language: 'vi',
  prepare: readEnglish,
  normalize: normalizeText,
  focus: focusQuestion,
  elliptical: looksElliptical,
  concepts: canonicalConcepts,
  fillers: VIETNAMESE_FILLERS,
  repair: { min: 4, max: 8, slip: 3, isWord: isFoldedSyllable, known: CONCEPT_WORDS },
  lengths: { short: SHORT_MESSAGE_TOKENS, letter: 30 },
  runOns: splitRunOns,
  schemes: true,
};

export const ENGLISH_READING: Reading = {
  language: 'en',
  prepare: (raw) => raw,
  normalize: normalizeEnglish,
  focus: focusEnglish,
  elliptical: looksEllipticalEnglish,
  concepts: (folded) => [...folded],
  fillers: ENGLISH_FILLERS,
  // English words are longer; short ones ("tax", "visa") are real words the knowledge does not use.
  repair: { min: 6, max: 14, slip: 5 },
  // English words carry more than Vietnamese syllables, and English questions run longer.
  lengths: { short: 24, letter: 45 },
  // Fewer of an English question's exact words are in any one phrasing: the entry as a whole counts more.
  scoring: { queryExponent: 0.4, entryBlend: 0.6 },
  schemes: false,
};
