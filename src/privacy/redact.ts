/**
 * Redaction of personal data before anything is stored or logged: e-mail addresses, phone numbers (0…, 84…,
 * +84… or (+84)… with spaces, dots, dashes or slashes), 12-digit CCCD numbers, 10-digit BHXH codes, bank account
 * numbers (6–19 digits after "stk", "số tài khoản", "tk", "account"…), and any other run of nine or more
 * digits (old ID numbers). Full-width digits count as digits. Money written with a unit ("150.000.000 đồng")
 * is kept. Every pattern is linear: no nested quantifiers, bounded repetitions and e-mail parts.
 */
import { cleanText } from '../text/normalize.js';

export type RedactionKind = 'email' | 'phone' | 'cccd' | 'bhxh-code' | 'bank-account' | 'number';

export const REDACTION_LABELS: Record<RedactionKind, string> = {
  email: '[email]',
  phone: '[SĐT]',
  cccd: '[CCCD]',
  'bhxh-code': '[mã BHXH]',
  'bank-account': '[STK]',
  number: '[số]',
};

/** Matches any label that redaction leaves in place of personal data. */
export const REDACTION_LABEL = /\[(?:email|SĐT|CCCD|mã BHXH|STK|số)\]/g;

export interface Redacted {
  text: string;
  kinds: RedactionKind[];
}

const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;
/** Digits with up to three separators between them ("0912 - 345 - 678"). */
const DIGIT_RUN = /\+?\d(?:[ .\-/]{0,3}\d)*/g;
const COUNTRY_CODE = /\(\s*\+?\s*84\s*\)/g;
/** A bank account number: digits right after words that announce one. */
const BANK_ACCOUNT =
  /(?<![\p{L}\p{N}])(stk|số\s?tài\s?khoản|so\s?tai\s?khoan|tài\s?khoản|tai\s?khoan|tk|account(?:\s?(?:no|number))?|acc)(\s{0,3}(?:ngân\s?hàng\s?\p{L}{1,12}\s{0,3})?(?:là|la|:|#|số|so)?[\s:.]{0,3})(\d(?:[ .\-]?\d){5,18})(?!\d)/giu;
const MONEY_GROUPED = /^\d{1,3}(?:\.\d{3})+$/;
const MONEY_UNIT = /^\s*(?:đ|đồng|dong|vnd|vnđ|d\b|k\b|nghìn|nghin|ngàn|triệu|trieu|tr\b|tỷ|ty\b)/i;

function classify(run: string, after: string): RedactionKind | null {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 9) return null;
  if (MONEY_GROUPED.test(run) && MONEY_UNIT.test(after)) return null;
  if (run.startsWith('+84') || (digits.startsWith('84') && digits.length === 11)) return 'phone';
  if (digits.length === 10 && /^0[35789]/.test(digits)) return 'phone';
  if (digits.length === 11 && digits.startsWith('02')) return 'phone'; // landline: 02xx xxx xxxx
  if (digits.length === 12) return 'cccd';
  if (digits.length === 10) return 'bhxh-code';
  return 'number';
}

export function redact(text: string): Redacted {
  const kinds = new Set<RedactionKind>();
  let out = cleanText(text).replace(COUNTRY_CODE, '+84 ');
  out = out.replace(BANK_ACCOUNT, (_m, word: string, gap: string) => {
    kinds.add('bank-account');
    return `${word}${gap}${REDACTION_LABELS['bank-account']}`;
  });
  if (out.includes('@')) {
    out = out.replace(EMAIL, () => {
      kinds.add('email');
      return REDACTION_LABELS.email;
    });
  }
  out = out.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
    const kind = classify(run, whole.slice(offset + run.length, offset + run.length + 8));
    if (!kind) return run;
    kinds.add(kind);
    return REDACTION_LABELS[kind];
  });
  return { text: out, kinds: [...kinds] };
}
