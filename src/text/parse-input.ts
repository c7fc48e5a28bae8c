/**
 * Parsers for what people type into a flow step: money ("1.500.000", "1,5 triệu", "1tr5", "2 triệu rưỡi",
 * "500k", "3 củ"), ages and birth years, numbers of years ("10 năm 6 tháng"), yes/no. Pure; never throw;
 * each returns null when the text is not such a value. Linear in the input.
 */
import { fold } from './fold.js';
import { cleanText } from './normalize.js';

const MAX_INPUT = 200;

const WORD_NUMBERS: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10,
};

function prepare(raw: string): string {
  return fold(cleanText(raw.slice(0, MAX_INPUT)).toLowerCase()).replace(/\s+/g, ' ').trim();
}

/** "1.500.000" → 1500000; "1,5" → 1.5; "1.5" → 1.5; "1500000" → 1500000. */
function parseNumber(s: string): number | null {
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  if (/^\d{1,3}(,\d{3}){2,}$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

const UNIT: Record<string, number> = {
  trieu: 1_000_000, tr: 1_000_000, cu: 1_000_000, m: 1_000_000,
  nghin: 1_000, ngan: 1_000, k: 1_000, ng: 1_000,
  ty: 1_000_000_000,
  d: 1, dong: 1, vnd: 1,
  // English: "3.5 million", "3.5m", "500 thousand", "35 million dong"
  million: 1_000_000, millions: 1_000_000, mil: 1_000_000, mn: 1_000_000,
  thousand: 1_000, thousands: 1_000, billion: 1_000_000_000, bn: 1_000_000_000,
};

/**
 * Money in đồng, or null. Accepts "1.500.000đ", "1,5 triệu", "1tr5", "1.5tr", "2 triệu rưỡi", "500k",
 * "500 nghìn", "3 củ", "1 triệu 500", "1 triệu 500 nghìn", "hai triệu", and in English "3.5 million",
 * "3,500,000 VND", "3.5m", "35 million dong", "about 4 million a month".
 */
export function parseMoney(raw: string): number | null {
  // "tầm 5 triệu" (about) folds like "tám" (eight): drop it only before digits.
  let s = prepare(raw).replace(/\btam (?=\d)/g, ' ').replace(/\b(khoang|chung|co|la|muc|thu nhap|moi thang|1 thang|mot thang|thang)\b/g, ' ');
  s = s.replace(/\b(about|around|approximately|approx|roughly|my|income|salary|is|per month|a month|monthly|each month)\b/g, ' ');
  s = s.replace(/(\d)\s*(trieu|tr|cu|nghin|ngan|k|ty|d|dong|vnd|millions|million|mil|mn|m|thousands|thousand|billion|bn)\b/g, '$1 $2').replace(/\s+/g, ' ').trim();
  // "5 triệu đồng", "35 million dong": the currency after a unit says nothing more.
  s = s.replace(/\b(trieu|tr|cu|nghin|ngan|k|ty|millions|million|mil|mn|m|thousands|thousand|billion|bn) (dong|d|vnd)\b/g, '$1');
  const words = s.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 6) return null;
  // "1tr5" (already split into "1 tr5"?) → handle "1tr5" glued form
  const glued = /^(\d+)(tr|trieu|cu)(\d{1,3})$/.exec(s.replace(/\s/g, ''));
  if (glued) {
    const tail = glued[3]!;
    return Number(glued[1]) * 1_000_000 + Number(tail.padEnd(3, '0')) * 1_000;
  }
  let total = 0;
  let i = 0;
  let matchedAny = false;
  while (i < words.length) {
    const w = words[i]!;
    const n = parseNumber(w) ?? WORD_NUMBERS[w] ?? null;
    if (n === null) return null;
    const unit = UNIT[words[i + 1] ?? ''];
    if (unit === undefined) {
      // A bare number: whole đồng if large, else the remainder after a bigger unit ("1 triệu 500" → 500 nghìn).
      if (total >= 1_000_000 && n < 1000) total += n * 1000;
      else if (total >= 1_000 && total < 1_000_000 && n < 1000) total += n;
      else total += n;
      i += 1;
    } else {
      let value = n * unit;
      i += 2;
      if (words[i] === 'ruoi' || words[i] === 'rưỡi') {
        value += unit / 2;
        i += 1;
      }
      total += value;
    }
    matchedAny = true;
  }
  const amount = Math.round(total);
  if (!matchedAny || !Number.isFinite(amount) || amount <= 0) return null;
  return amount;
}

/** An age in years (from "45", "45 tuổi", "sinh năm 1980"), given the current year; null if implausible. */
export function parseAge(raw: string, currentYear: number): number | null {
  const s = englishUnits(prepare(raw)).replace(/ nam$/, ' tuoi');
  const year = /(?:^|\D)(19\d{2}|20\d{2})(?:\D|$)/.exec(s);
  if (year) {
    const age = currentYear - Number(year[1]);
    return age >= 0 && age <= 120 ? age : null;
  }
  const m = /^(?:toi |em |minh |nam nay )?(\d{1,3})(?: tuoi)?$/.exec(s);
  if (!m) return null;
  const age = Number(m[1]);
  return age >= 0 && age <= 120 ? age : null;
}

/** A birth year (from "1966", "sinh năm 1966", "66"), or null. */
export function parseBirthYear(raw: string, currentYear: number): number | null {
  const s = prepare(raw);
  const full = /(?:^|\D)(19\d{2}|20\d{2})(?:\D|$)/.exec(s);
  if (full) {
    const y = Number(full[1]);
    return y <= currentYear && y >= currentYear - 120 ? y : null;
  }
  const short = /^(?:sinh nam |nam )?(\d{2})$/.exec(s);
  if (short) {
    const y = 1900 + Number(short[1]);
    return currentYear - y <= 120 && y <= currentYear ? y : null;
  }
  return null;
}

const MONTH_WORDS: Record<string, number> = {
  gieng: 1, chap: 12, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10, 'muoi mot': 11, 'muoi hai': 12,
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

/** A calendar month 1–12 (from "3", "tháng 3", "03", "tháng ba", "tháng giêng", "3/1975"), or null. */
export function parseMonth(raw: string): number | null {
  const s = prepare(raw);
  const dated = /^(?:thang )?(\d{1,2}) ?[/.-] ?(?:19|20)?\d{2}$/.exec(s);
  const m = dated ?? /^(?:sinh )?(?:vao )?(?:thang )?(\d{1,2})$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= 12 ? n : null;
  }
  const w = /^(?:sinh |born )?(?:vao |in )?(?:thang )?([a-z]+(?: [a-z]+)?)$/.exec(s);
  return w ? (MONTH_WORDS[w[1]!] ?? null) : null;
}

/** English units and fillers written the Vietnamese way ("10 years and 6 months" → "10 nam 6 thang"). */
const englishUnits = (s: string) =>
  s
    .replace(/['’]/g, ' ')
    .replace(/\b(?:years?|yrs?)\b/g, ' nam ')
    .replace(/\b(?:months?|mths?|mos?)\b/g, ' thang ')
    .replace(/\b(?:and|about|around|i have|i paid|paid|for|of|contributions?|old|i am|im|i m|aged?)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A number of years, possibly with months ("10", "10 năm", "10 năm 6 tháng", "6 tháng", "mười năm", "10 years 6 months"). */
export function parseYears(raw: string): number | null {
  const s = englishUnits(prepare(raw));
  const m = /^(?:(\d{1,2}(?:[.,]\d)?|[a-z]+) ?(?:nam)?)?(?: ?(\d{1,2}) ?thang)?$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  let years = 0;
  if (m[1]) {
    const n = parseNumber(m[1]) ?? WORD_NUMBERS[m[1]] ?? null;
    if (n === null) return null;
    years = n;
  }
  if (m[2]) years += Number(m[2]) / 12;
  return years >= 0 && years <= 60 ? Math.round(years * 100) / 100 : null;
}

const YES = new Set(['co', 'co a', 'vang', 'da', 'da co', 'dung', 'dung roi', 'roi', 'yes', 'y', 'ok', 'uh', 'u', 'co roi', 'dang', 'phai']);
const NO = new Set(['khong', 'ko', 'k', 'khong a', 'chua', 'chua a', 'no', 'n', 'khong phai', 'sai', 'khong co', 'chua co']);

/** Yes / no, or null. */
export function parseYesNo(raw: string): boolean | null {
  const s = prepare(raw).replace(/[^a-z ]/g, '').trim();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return null;
}
