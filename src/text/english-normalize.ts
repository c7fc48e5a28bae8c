/**
 * The English text normaliser: what an English question is matched on. Lower case, contractions opened, the
 * short forms people type on a phone ("soc ins", "u", "vn", "yrs") and common misspellings written out, the
 * three insurance schemes as one word each ("social insurance" and "BHXH" alike become "bhxh"), then a light
 * stemmer ("retired", "retirement", "retiring" → "retir"). Applied the same way to the knowledge's English
 * phrasings and to the question, so it only needs to be consistent, not linguistically exact.
 * Pure, never throws, linear in the input.
 */
import { boundedMemo } from './bounded-memo.js';
import { cleanText, type NormalizedText } from './normalize.js';

const MAX_INPUT_CHARS = 4_000;

/** Phrases first (longest first), then single words; each pattern is matched on whole words. */
const REWRITES: readonly [string, string][] = [
  // the schemes, in every spelling
  ['voluntary soc(?:ial)? ins(?:urance)?', 'voluntary bhxh'],
  ['soc(?:ial)?[ .]ins(?:urance)?', 'bhxh'],
  ['social security', 'bhxh'],
  ['si', 'bhxh'],
  ['health ins(?:urance)?', 'bhyt'],
  ['medical insurance', 'bhyt'],
  ['hi card', 'bhyt card'],
  ['unemp(?:loyment)? ins(?:urance)?', 'bhtn'],
  ['vss ?id', 'vssid'],
  // the same thing said several ways
  ['lump[- ]?sum|one[- ]?time|one[- ]?off|in one go|1[- ]time|all at once|in one payment|as one payment|as a single payment', 'onetime'],
  ['mandatory|obligatory|compulsary|compulsory|obliged', 'compulsory'],
  ['mat(?:ernity)? leave', 'maternity leave'],
  ['pat(?:ernity)? leave', 'paternity leave'],
  ['day ?off|days ?off', 'leave'],
  ['laid off|let go|made redundant|got fired|been fired|was fired|lost my job|lose my job|losing my job', 'lose job'],
  ['quit(?:ting)?|resign(?:ed|ing)?', 'quit'],
  ['retiree|pensioner', 'pensioner'],
  ['government|govt|gov|the state|state', 'state'],
  ['subsidi[sz](?:e|es|ed|ing)|subsid(?:y|ies)|supports?|supported|supporting', 'support'],
  ['apply(?:ing)? for|applied for', 'claim'],
  ['allowances?|grants?|payouts?|entitlements?', 'benefit'],
  ['kids?|child(?:ren)?|bab(?:y|ies)|newborns?', 'child'],
  ['dad|daddy|father', 'father'],
  ['mom|mum|mommy|mother', 'mother'],
  ['died|dies|dead|death|passed away|pass away|passes away', 'die'],
  ['costs?|prices?|fees?', 'cost'],
  ['firms?|bosses|boss|compan(?:y|ies)|cty|employers?', 'employer'],
  ['staff|employees?|workers?', 'employee'],
  ['wages?|salar(?:y|ies)|earnings', 'salary'],
  ['enrol(?:l)?(?:s|ed|ing|ment|ments)?|sign(?:ed|ing)? up|participat(?:e|es|ed|ing|ion)|join(?:s|ed|ing)?', 'join'],
  ['cash(?:ed|ing)? out', 'withdraw'],
  ['(\\d+)\\s*(?:tr|trieu|mil|mln|m)\\b', '$1 million'],
  ['(\\d+)\\s*k\\b', '$1 thousand'],
  ['vnd|dong|đ', 'dong'],
  // short forms
  ['ins|insur', 'insurance'],
  ['vn|viet nam', 'vietnam'],
  ['u', 'you'],
  ['ur', 'your'],
  ['r', 'are'],
  ['pls|plz|pl', 'please'],
  ['co\\.', 'employer'],
  ['yrs?', 'year'],
  ['mths?|mos?|mnths?', 'month'],
  ['wks?', 'week'],
  ['b4', 'before'],
  ['w/', 'with'],
  ['w/o', 'without'],
  ['govt|gov', 'government'],
  ['ppl', 'people'],
  ['wat|wht|whats', 'what'],
  ['hw', 'how'],
  ['abt', 'about'],
  ['bc|bcuz|cuz|coz|becoz', 'because'],
  ['thx|tks|thnx|ty', 'thanks'],
  ['info', 'information'],
  ['dept', 'department'],
  ['hosp', 'hospital'],
  ['docs?', 'document'],
  ['reqs?', 'requirement'],
  ['emp|employe', 'employee'],
  ['employeer|emloyer', 'employer'],
  ['mgr', 'manager'],
  ['unemp', 'unemployment'],
  ['dob', 'birth'],
  ['diff', 'different'],
  ['approx', 'about'],
  ['min', 'minimum'],
  ['max', 'maximum'],
  ['amt', 'amount'],
  ['sal', 'salary'],
  ['2nd', 'second'],
  // misspellings seen often in English written fast
  ['insurence|insurrance|insurace|insuranse|insurnace|insuarance|inssurance', 'insurance'],
  ['pention|pensoin|pensio|pensionn', 'pension'],
  ['retirment|retiremnt|retirmnt', 'retirement'],
  ['benifits?|benfits?|benefts?|benefitss', 'benefit'],
  ['maternaty|maternety|maternit|maternitty', 'maternity'],
  ['unemployement|unemploymnet|unemplyment', 'unemployment'],
  ['contibutions?|contrubutions?|contributon|contributuion|contrib', 'contribution'],
  ['registr|regester|registor|regiser|regsiter', 'register'],
  ['withdrawl|withdrawel|withdraval|widthdraw|withdrow', 'withdraw'],
  ['acident|accidnet|accidant', 'accident'],
  ['voluntery|volountary|volutary|voluntry|volunteer', 'voluntary'],
  ['salery|sallary|salry', 'salary'],
  ['hospitel|hosptial', 'hospital'],
  ['adress|addres', 'address'],
  ['companys', 'company'],
  ['eligable|elligible', 'eligible'],
  ['recieve|recive', 'receive'],
  ['foriegn|foreing', 'foreign'],
  ['ilegal', 'illegal'],
  ['legaly', 'legally'],
  ['coverd', 'covered'],
  ['dosent|doesnt', 'does not'],
  ['dont', 'do not'],
  ['didnt', 'did not'],
  ['cant', 'can not'],
  ['isnt', 'is not'],
  ['wont', 'will not'],
  ['im', 'i am'],
  ['ive', 'i have'],
];

/**
 * Rewrites of one word ("insurence", "pls", "cty") are looked up per distinct word (remembered); rewrites that
 * span words or need a pattern ("soc ins", "20tr", "lump sum") run on the text after them, so that a fixed word
 * can still make a phrase ("health insurence" → "health insurance" → "bhyt").
 */
const spansWords = (from: string) => /[ \\/.(]/.test(from);
const WORD_RULES: readonly [RegExp, string][] = REWRITES.filter(([from]) => !spansWords(from)).map(([from, to]) => [new RegExp(`^(?:${from})$`, 'u'), to]);
const PHRASES: readonly [RegExp, string][] = REWRITES.filter(([from]) => spansWords(from)).map(([from, to]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${from})(?![\\p{L}\\p{N}])`, 'giu'), to]);
const rewriteWord = boundedMemo((word: string) => WORD_RULES.find(([rule]) => rule.test(word))?.[1] ?? word, { maxEntries: 50_000, maxKeyLength: 30 });

const CONTRACTIONS: readonly [RegExp, string][] = [
  [/\bcan['’]t\b/g, 'can not'],
  [/\bwon['’]t\b/g, 'will not'],
  [/n['’]t\b/g, ' not'],
  [/['’](?:m)\b/g, ' am'],
  [/['’](?:re)\b/g, ' are'],
  [/['’](?:ve)\b/g, ' have'],
  [/['’](?:ll|d|s)\b/g, ''],
];

/** Words the light stemmer leaves alone: short, or already a stem the rules would break. */
const KEEP = new Set(['bhxh', 'bhyt', 'bhtn', 'vssid', 'vneid', 'cccd', 'this', 'his', 'is', 'was', 'has', 'does', 'yes', 'us', 'bus', 'plus', 'less', 'unless', 'status', 'gross', 'business', 'address', 'illness', 'sickness', 'news', 'process', 'access', 'basis', 'series', 'tax', 'thanks']);

/** A light stemmer: plural, -ing, -ed, -ment, -ly, final -e. Consistent on both sides is what matters. */
export function stem(word: string): string {
  if (word.length <= 3 || KEEP.has(word) || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('ment') && w.length > 7) w = w.slice(0, -4);
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  // a doubled final consonant left by -ing/-ed ("enrolled" → "enroll" → "enrol")
  if (w.length > 4 && /([bcdfgklmnprstz])\1$/.test(w) && w !== word) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}

const stemmed = boundedMemo(stem, { maxEntries: 50_000, maxKeyLength: 30 });

/** The English text with its short forms, misspellings and schemes written out, before stemming. */
export function rewriteEnglish(raw: string): string {
  let text = cleanText(raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw).toLowerCase();
  for (const [pattern, to] of CONTRACTIONS) text = text.replace(pattern, to);
  // thousands separators and decimal points inside numbers keep the number whole ("20,000,000", "3.5")
  text = text.replace(/(\d)[,.](?=\d)/g, '$1').replace(/%/g, ' percent ');
  text = text.replace(/[\p{L}\p{N}]+/gu, (word) => rewriteWord(word));
  for (const [pattern, to] of PHRASES) text = text.replace(pattern, to);
  return text;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Stemmed lower-case words; `folded` is the same list (English has no diacritics to fold). */
export function normalizeEnglish(raw: string): NormalizedText {
  const words = rewriteEnglish(raw).match(TOKEN) ?? [];
  const tokens = words.map((w) => stemmed(w));
  return { tokens, folded: tokens, text: tokens.join(' '), accented: false };
}
