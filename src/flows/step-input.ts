/**
 * Turns what a user sent at a question step into a value: a button payload, an option's number or words for
 * a choice; a parsed value for typed input, or the reason it was not accepted.
 */
import { redact } from '../privacy/redact.js';
import { fold } from '../text/fold.js';
import { cleanText } from '../text/normalize.js';
import { parseAge, parseBirthYear, parseMoney, parseMonth, parseYears, parseYesNo } from '../text/parse-input.js';
import type { ParserName, Step } from './schema.js';
import { vietnamYear } from '../core/vietnam-calendar.js';

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: 'unreadable' | 'below' | 'above' };

export interface Limits {
  floor: number | null;
  ceiling: number | null;
}

const squash = (s: string) => fold(cleanText(s.slice(0, 300)).toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const PHONE = /^(?:\+?84|0)\d{9}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[a-z]{2,24}$/i;

export function parseValue(parser: ParserName, text: string, now: number, limits: () => Limits): Parsed {
  const year = vietnamYear(now);
  const ok = (value: unknown): Parsed => (value === null ? { ok: false, reason: 'unreadable' } : { ok: true, value });
  switch (parser) {
    case 'money':
      return ok(parseMoney(text));
    case 'income': {
      const v = parseMoney(text);
      if (v === null) return { ok: false, reason: 'unreadable' };
      const { floor, ceiling } = limits();
      if (floor !== null && v < floor) return { ok: false, reason: 'below' };
      if (ceiling !== null && v > ceiling) return { ok: false, reason: 'above' };
      return { ok: true, value: v };
    }
    case 'age':
      return ok(parseAge(text, year));
    case 'birth-year':
      return ok(parseBirthYear(text, year));
    case 'month':
      return ok(parseMonth(text));
    case 'years':
      return ok(parseYears(text));
    case 'yes-no':
      return ok(parseYesNo(text));
    case 'count': {
      const m = /^\s*(\d{1,6})\s*(?:người|nguoi|lao động|lao dong|nhân viên|nhan vien)?\s*$/i.exec(text);
      const n = m ? Number(m[1]) : NaN;
      return n >= 1 ? { ok: true, value: n } : { ok: false, reason: 'unreadable' };
    }
    case 'text': {
      // Stored redacted: flow variables live in the conversation state.
      const t = cleanText(text).trim();
      return t.length >= 3 ? { ok: true, value: redact(t.slice(0, 1000)).text } : { ok: false, reason: 'unreadable' };
    }
    case 'contact':
      return ok(parseContact(text));
    case 'commune': {
      // Flow variables are stored with the conversation: keep a place name, never a number typed by mistake.
      const t = redact(cleanText(text).trim()).text;
      return t.length >= 2 && t.length <= 100 ? { ok: true, value: t } : { ok: false, reason: 'unreadable' };
    }
  }
}

/** A contact detail (phone or e-mail) typed at a step; kept only when the user chose to leave one. */
export function parseContact(text: string): string | null {
  const t = cleanText(text).trim();
  const digits = t.replace(/[\s.\-()]/g, '');
  if (PHONE.test(digits)) return digits;
  if (EMAIL.test(t)) return t;
  return null;
}

/** The choice a user made at a choice step: by payload value, option number, label words or value. */
export function resolveChoice(step: Extract<Step, { kind: 'choice' }>, input: { value?: string; text?: string }, label: (key: string) => string): string | null {
  const values = step.choices.map((c) => c.value);
  if (input.value !== undefined) return values.includes(input.value) ? input.value : null;
  const typed = squash(input.text ?? '');
  if (!typed) return null;
  const n = /^(?:so )?(\d{1,2})$/.exec(typed);
  if (n) return step.choices[Number(n[1]) - 1]?.value ?? null;
  for (const c of step.choices) if (squash(label(c.label)) === typed || squash(c.value) === typed) return c.value;
  // A yes/no question answered with words.
  if (values.includes('yes') && values.includes('no')) {
    const yn = parseYesNo(typed);
    if (yn !== null) return yn ? 'yes' : 'no';
  }
  return null;
}
