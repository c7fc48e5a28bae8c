/**
 * The Vietnamese text normaliser: one function that turns whatever a citizen typed into canonical tokens.
 * Pure, never throws, linear in the input, idempotent on its own output.
 */
import { expandAbbreviations } from './abbreviations.js';
import { boundedMemo } from './bounded-memo.js';
import { fold, hasDiacritics } from './fold.js';
import { decodeInputMethod } from './input-method.js';
import { canonicalSyllable } from './syllable.js';

export interface NormalizedText {
  /** Canonical lower-case syllables, accented where the user typed (or meant) accents. */
  tokens: string[];
  /** The same tokens without diacritics. */
  folded: string[];
  /** tokens joined by single spaces. */
  text: string;
  /** True when the user typed diacritics (directly or through Telex/VNI). */
  accented: boolean;
}

// Joiners and BOM vanish; C0/C1 controls, the zero-width space and bidi overrides separate words.
const ZERO_WIDTH = /[\u200c\u200d\u2060\ufeff]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2061-\u2064\u2066-\u206f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const THOUSANDS = /\b\d{1,3}(?:\.\d{3})+\b/g;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** NFKC (full-width digits and letters), invisible and control characters removed, lone surrogates dropped, NFC. */
export function cleanText(raw: string): string {
  return raw
    .replace(LONE_SURROGATE, ' ')
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, ' ')
    .normalize('NFC');
}

/** Splits cleaned, lower-cased text into raw word tokens; dotted thousands ("1.500.000") stay one number. */
export function tokenize(text: string): string[] {
  const joined = text.replace(THOUSANDS, (m) => m.replace(/\./g, '')).replace(/%/g, ' phần trăm ');
  return joined.match(TOKEN) ?? [];
}

// Each distinct token is decoded (Telex/VNI) and given its canonical tone placement once.
const canonicalToken = boundedMemo(
  (token) => {
    const d = decodeInputMethod(token);
    return { canonical: canonicalSyllable(d), decoded: d !== token };
  },
  { maxEntries: 50_000, maxKeyLength: 24 },
);

export function normalizeText(raw: string): NormalizedText {
  const cleaned = cleanText(raw).toLowerCase();
  let accented = hasDiacritics(cleaned);
  const decoded = tokenize(cleaned).map((token) => {
    const { canonical, decoded } = canonicalToken(token);
    if (decoded) accented = true;
    return canonical;
  });
  const tokens = expandAbbreviations(decoded);
  return { tokens, folded: tokens.map(fold), text: tokens.join(' '), accented };
}

/** Canonical form of a text for display-free comparison: normalised tokens, joined. */
export function canonicalText(raw: string): string {
  return normalizeText(raw).text;
}

/** Folded canonical form ("Bảo hiểm XH?" → "bao hiem xa hoi"). */
export function foldedText(raw: string): string {
  return normalizeText(raw).folded.join(' ');
}
