/**
 * English questions ("how much is voluntary social insurance per month") read through a glossary into the
 * Vietnamese words the knowledge is indexed on ("bao nhiêu", "bảo hiểm xã hội tự nguyện", "mỗi tháng"), when
 * the message is English: no Vietnamese letters, and most of its words English. The rest of the message is
 * kept, so that English phrasings in the knowledge still match word for word.
 */

import { decodeInputMethod } from './input-method.js';

/** Longest first: "social insurance" before "insurance". Vietnamese written without diacritics (folded later). */
const GLOSSARY: readonly [RegExp, string][] = (
  [
    ['voluntary soc(?:ial)? ins(?:urance)?', 'bhxh tu nguyen'],
    ['voluntary social insurance', 'bhxh tu nguyen'],
    ['soc(?:ial)? ins(?:urance)?', 'bhxh'],
    ['soc ins', 'bhxh'],
    ['compulsory social insurance', 'bhxh bat buoc'],
    ['mandatory social insurance', 'bhxh bat buoc'],
    ['social insurance book', 'so bhxh'],
    ['social insurance', 'bhxh'],
    ['health insurance card', 'the bhyt'],
    ['health insurance', 'bhyt'],
    ['health ins', 'bhyt'],
    ['unemployment insurance', 'bhtn'],
    ['unemployment benefits?', 'tro cap that nghiep'],
    ['unemployment allowance', 'tro cap that nghiep'],
    ['one[- ]time withdrawal', 'rut bhxh mot lan'],
    ['lump[- ]sum withdrawal', 'rut bhxh mot lan'],
    ['withdraw(?:al)?', 'rut'],
    ['cash out', 'rut'],
    ['retirement age', 'tuoi nghi huu'],
    ['retire(?:ment)?', 'nghi huu'],
    ['pensions?', 'luong huu'],
    ['maternity leave', 'nghi thai san'],
    ['maternity', 'thai san'],
    ['give birth', 'sinh con'],
    ['pregnan(?:t|cy)', 'mang thai'],
    ['sick leave', 'nghi om'],
    ['sickness', 'om dau'],
    ['sick', 'om'],
    ['work accidents?', 'tai nan lao dong'],
    ['occupational diseases?', 'benh nghe nghiep'],
    ['funeral', 'mai tang'],
    ['survivors?', 'tu tuat'],
    ['foreign (?:workers?|employees?|nationals?)', 'nguoi nuoc ngoai'],
    ['foreigners?', 'nguoi nuoc ngoai'],
    ['expats?', 'nguoi nuoc ngoai'],
    ['(?:japanese|korean|chinese|indian|american|british|filipino|thai|taiwanese|french|german|australian) (?:\\w+ )?(?:engineers?|staff|workers?|employees?|teachers?|architects?|managers?)', 'nguoi nuoc ngoai'],
    ['employers?', 'nguoi su dung lao dong'],
    ['employees?', 'nguoi lao dong'],
    ['workers?', 'nguoi lao dong'],
    ['compan(?:y|ies)', 'cong ty'],
    ['labou?r contract', 'hop dong lao dong'],
    ['contracts?', 'hop dong'],
    ['probation(?: period)?', 'thu viec'],
    ['trial period', 'thu viec'],
    ['part[- ]?tim(?:e|ers?)', 'ban thoi gian'],
    ['unpaid leave', 'nghi khong luong'],
    ['nann(?:y|ies)|maids?|housekeepers?|domestic workers?|domestic helpers?', 'giup viec gia dinh'],
    ['insured salary', 'luong dong bhxh'],
    ['salary|pay ?check|wages?', 'luong'],
    ['percentages?|%', 'ty le'],
    ['refund', 'rut'],
    ['(?:in )?one go|(?:as )?(?:1|one) payment|lump sum', 'mot lan'],
    ['enrol(?:l)?(?:ed|ment)?|covered|coverage', 'tham gia'],
    ['mandatory|compulsory|obliged|required|obligatory', 'bat buoc'],
    ['intra[- ]company transferees?', 'di chuyen noi bo'],
    ['work permits?', 'giay phep lao dong'],
    ['already (?:gets?|receiv\\w*|on) (?:a )?pension', 'dang huong luong huu'],
    ['what is', 'la gi'],
    ['what are', 'la gi'],
    ['do i have to', 'co phai'],
    ['do we have to', 'co phai'],
    ['have to', 'phai'],
    ['must', 'phai'],
    ['can i', 'co duoc'],
    ['can we', 'co duoc'],
    ['am i', 'co duoc'],
    ['how much', 'bao nhieu'],
    ['how many', 'bao nhieu'],
    ['how long', 'bao lau'],
    ['how (?:do|can|to)', 'lam the nao'],
    ['where', 'o dau'],
    ['when', 'khi nao'],
    ['per month', 'moi thang'],
    ['a month', 'moi thang'],
    ['monthly', 'hang thang'],
    ['rates?', 'ty le'],
    ['contribut(?:e|ion|ions)', 'dong'],
    ['pay(?:ment)?', 'dong'],
    ['register(?:ation)?', 'dang ky'],
    ['sign up', 'dang ky'],
    ['join', 'tham gia'],
    ['cards?', 'the'],
    ['hospital', 'benh vien'],
    ['leaving vietnam', 've nuoc'],
    ['leave vietnam', 've nuoc'],
    ['go home', 've nuoc'],
    ['quit(?: my)? job', 'nghi viec'],
    ['los[te] (?:my|a|the) job', 'mat viec'],
    ['got fired', 'mat viec'],
    ['receive', 'huong'],
    ['get', 'huong'],
    ['hotline', 'tong dai'],
    ['phone number', 'so dien thoai'],
    ['office', 'co quan bhxh'],
    ['students?', 'sinh vien'],
    ['farmers?', 'nong dan'],
    ['minimum', 'toi thieu'],
    ['maximum', 'toi da'],
    ['conditions?', 'dieu kien'],
    ['eligible', 'du dieu kien'],
    ['documents?', 'ho so'],
    ['papers', 'ho so'],
  ] as const
).map(([en, vi]) => [new RegExp(`\\b${en}\\b`, 'gi'), vi] as [RegExp, string]);

const ENGLISH_WORDS = new Set(
  (
    'im u ur pls us them their still only too also or not yes any all new old back next got go take taken out more less each every ' +
    'same again just want must already while during under over before after b4 w someone staff hire hiring trial probation part ' +
    'time unpaid week weeks years yrs yr legal law required obliged mandatory expat expats local office firm does dont didnt ' +
    'soc ins pay paying payroll portion claim refund enrol enroll enrolled covered included total ' +
    'a an the is are am was be do does did can could should would will i my me we our you your he she they it its ' +
    'what how much many when where who which why if or and for to of in on at by with from about per month year ' +
    'insurance social health pay paid contribution contributions pension retire retirement age withdraw withdrawal ' +
    'work worker workers employee employer company job leave sick maternity benefit benefits card register need ' +
    'get have has there this that vietnam foreign foreigner voluntary compulsory unemployment rate salary income'
  ).split(' '),
);
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

const NEUTRAL = new Set(['bhxh', 'bhyt', 'bhtn', 'vn', 'vssid', 'vneid', 'cccd', 'ok']);

/** Function words left after the glossary: they say nothing the index knows. */
const STOP = new Set('a an the is are am was be do does did i my me we our you your it its for to of in on at by with from about there this that have has can could should would will please any some'.split(' '));

/**
 * A word no Vietnamese syllable (typed without diacritics) could be: a letter Vietnamese does not use, an ending
 * it does not have, or a vowel pair it does not write. Telex and VNI typing ("muoonf", "hoir") is Vietnamese.
 */
function notVietnamese(word: string): boolean {
  if (!/[aeiouy]/.test(word) || decodeInputMethod(word) !== word) return false;
  if (/[fjwz]/.test(word)) return true;
  if (/(?:[bdgklqrsvx]|[^cn]h)$/.test(word) && !word.endsWith('ng')) return true;
  return /ea|ee|oo|ou|ae|ei|ie[^tmnuc]|^(?:st|sp|sc|sk|sl|sm|sn|pl|pr|br|bl|cl|cr|dr|fl|fr|gl|gr|sh|tw|wh|wr)/.test(word);
}

/** True for a message written in English: no Vietnamese letters, and most words English ones (all, when short). */
export function looksEnglish(text: string): boolean {
  if (VIETNAMESE_LETTERS.test(text)) return false;
  // The acronyms both languages use say nothing about which one it is.
  const words = (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !NEUTRAL.has(w));
  if (words.length === 0) return false;
  const english = words.filter((w) => ENGLISH_WORDS.has(w) || notVietnamese(w)).length;
  return words.length < 3 ? english === words.length : english / words.length >= 0.5;
}

/** The message with its English domain words read as the Vietnamese ones, when it is English; else as it is. */
export function readEnglish(text: string): string {
  if (!looksEnglish(text)) return text;
  let out = text.slice(0, 2_000);
  for (const [pattern, vi] of GLOSSARY) out = out.replace(pattern, ` ${vi} `);
  return out.replace(/[a-z]+/gi, (w) => (STOP.has(w.toLowerCase()) ? ' ' : w)).replace(/\s+/g, ' ').trim();
}
