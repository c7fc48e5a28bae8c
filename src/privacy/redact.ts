/**
 * Redaction of personal data before anything is stored or logged: names, addresses, dates of birth and
 * licence plates written in words (redact-words.ts); e-mail addresses, also written "a [at] gmail [dot] com";
 * phone numbers (0…, 84…, +84…, (+84)… or "(024) 3824 1234", with spaces, dots, commas, dashes or slashes
 * between the digits); 12-digit CCCD numbers, 10-digit BHXH codes, bank account numbers (6–19 digits after
 * "stk", "số tài khoản", "tk", "account"… or a bank's name); and any other run of nine or more digits (old ID
 * numbers). Full-width digits count as digits. Money written with a unit ("150.000.000 đồng") and lists of
 * years ("2012, 2013, 2014") are kept. Every pattern is linear: no nested quantifiers, bounded repetitions.
 */
import { cleanText } from '../text/normalize.js';
import { cutSpans, WORD_REDACTION_LABELS, wordSpans, type WordRedactionKind } from './redact-words.js';

export type RedactionKind = 'email' | 'phone' | 'cccd' | 'bhxh-code' | 'bank-account' | 'number' | WordRedactionKind;

export const REDACTION_LABELS: Record<RedactionKind, string> = {
  email: '[email]',
  phone: '[SĐT]',
  cccd: '[CCCD]',
  'bhxh-code': '[mã BHXH]',
  'bank-account': '[STK]',
  number: '[số]',
  ...WORD_REDACTION_LABELS,
};

/** Matches any label that redaction leaves in place of personal data. */
export const REDACTION_LABEL = /\[(?:email|SĐT|CCCD|mã BHXH|STK|số|tên|địa chỉ|ngày sinh|biển số)\]/g;

export interface Redacted {
  text: string;
  kinds: RedactionKind[];
}

const EMAIL = /[\p{L}\p{N}._%+-]{1,64}\s{0,2}@\s{0,2}[\p{L}\p{N}-]{1,63}(?:\s{0,2}\.\s{0,2}[\p{L}\p{N}-]{1,63}){1,8}/gu;
/** "a [at] gmail [dot] com", "a(at)gmail(dot)com", "a a còng gmail chấm com", "a at gmail dot com". */
const AT = '(?:\\s{0,3}[\\[({<]\\s{0,2}(?:at|a còng|a cong)\\s{0,2}[\\])}>]\\s{0,3}|\\s(?:at|a còng|a cong)\\s)';
const DOT = '(?:\\s{0,3}[\\[({<]\\s{0,2}(?:dot|chấm|cham)\\s{0,2}[\\])}>]\\s{0,3}|\\s(?:dot|chấm|cham)\\s|\\.)';
const SPELLED_EMAIL = new RegExp(`[\\p{L}\\p{N}._%+-]{1,64}${AT}[\\p{L}\\p{N}-]{1,63}(?:${DOT}[\\p{L}\\p{N}-]{1,63}){0,3}${DOT}(?:com|vn|net|org|edu|gov|info|io)(?![\\p{L}\\p{N}])`, 'giu');
const SPELLED_AT = /(?:^|[\s\[({<])(?:at|a còng|a cong)(?:$|[\s\])}>])/i;
/** Digits with up to five separators between them ("0912 - 345 - 678", "0912,345,678", "0912    345678"). */
const DIGIT_RUN = /\+?\d(?:[ \t.,\-/]{0,5}\d)*/g;
const COUNTRY_CODE = /\(\s*\+?\s*84\s*\)/g;
/** "(024) 3824 1234": an area code in brackets. */
const AREA_CODE = /\(\s*(0\d{1,3})\s*\)/g;
const BANKS =
  'vietcombank|vcb|vietinbank|bidv|agribank|techcombank|tcb|mbbank|mb bank|acb|vpbank|tpbank|sacombank|shb|hdbank|ocb|vib|seabank|msb|eximbank|lienvietpostbank|lpbank|nam a bank|bac a bank|abbank|scb|pvcombank|kienlongbank|baoviet bank|oceanbank|dongabank|ncb|vietabank|saigonbank|gpbank|cbbank|vietbank|bvbank|momo|zalopay|viettel money';
/** Digits right after a bank's name: "Vietcombank 1234567". */
const AFTER_BANK = new RegExp(`(?<![\\p{L}\\p{N}])(${BANKS})([\\s:.\\-]{1,3}(?:số\\s|so\\s|stk\\s|tk\\s)?)(\\d(?:[ .\\-]?\\d){5,18})(?!\\d)`, 'giu');
const YEAR_LIST = /^(?:(?:19|20)\d\d[ \t.,\-/]{1,5})+(?:19|20)\d\d$/;
/** A bank account number: digits right after words that announce one. */
const BANK_ACCOUNT =
  /(?<![\p{L}\p{N}])(stk|số\s?tài\s?khoản|so\s?tai\s?khoan|tài\s?khoản|tai\s?khoan|tk|account(?:\s?(?:no|number))?|acc)(\s{0,3}(?:ngân\s?hàng\s?\p{L}{1,12}\s{0,3})?(?:là|la|:|#|số|so)?[\s:.]{0,3})(\d(?:[ .\-]?\d){5,18})(?!\d)/giu;
const MONEY_GROUPED = /^\d{1,3}(?:[.,]\d{3})+$/;
const MONEY_UNIT = /^\s*(?:đ|đồng|dong|vnd|vnđ|d\b|k\b|nghìn|nghin|ngàn|triệu|trieu|tr\b|tỷ|ty\b)/i;

function classify(run: string, after: string): RedactionKind | null {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 9) return null;
  if (MONEY_GROUPED.test(run) && MONEY_UNIT.test(after)) return null;
  if (YEAR_LIST.test(run)) return null;
  if (run.startsWith('+84') || (digits.startsWith('84') && digits.length === 11)) return 'phone';
  if (digits.length === 10 && /^0[35789]/.test(digits)) return 'phone';
  if (digits.length === 11 && digits.startsWith('02')) return 'phone'; // landline: 02xx xxx xxxx
  if (digits.length === 12) return 'cccd';
  if (digits.length === 10) return 'bhxh-code';
  return 'number';
}

export function redact(text: string): Redacted {
  const kinds = new Set<RedactionKind>();
  const clean = cleanText(text);
  const spans = wordSpans(clean);
  for (const s of spans) kinds.add(s.kind);
  let out = cutSpans(clean, spans).replace(COUNTRY_CODE, '+84 ').replace(AREA_CODE, '$1 ');
  const account = (_m: string, word: string, gap: string) => {
    kinds.add('bank-account');
    return `${word}${gap}${REDACTION_LABELS['bank-account']}`;
  };
  out = out.replace(BANK_ACCOUNT, account).replace(AFTER_BANK, account);
  const email = () => {
    kinds.add('email');
    return REDACTION_LABELS.email;
  };
  if (out.includes('@')) out = out.replace(EMAIL, email);
  if (SPELLED_AT.test(out)) out = out.replace(SPELLED_EMAIL, email); // the costly pattern only when it may match
  out = out.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
    const kind = classify(run, whole.slice(offset + run.length, offset + run.length + 8));
    if (!kind) return run;
    kinds.add(kind);
    return REDACTION_LABELS[kind];
  });
  return { text: out, kinds: [...kinds] };
}
