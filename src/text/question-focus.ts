/**
 * Question focus: what a message asks, set apart from how it is wrapped. Citizens often write letters: a
 * greeting, their name and ID numbers, a few sentences of their story, one to three questions, thanks. The
 * retriever should score entries mainly on the sentences that ask, with the story as context that can decide
 * between siblings. Pure and linear: sentences by punctuation, clauses by the markers that open a question
 * ("cho em hỏi", "xin hỏi", "vậy") or close a letter ("em cảm ơn"), parts by commas.
 */
import { normalizeText } from './normalize.js';
import { asks, contains, splitRunOn, startsWith } from './question-markers.js';

export { asks } from './question-markers.js';

export type ClauseKind = 'question' | 'narrative';

export interface Clause {
  kind: ClauseKind;
  /** Canonical accented tokens of the clause, greeting, thanks and personal details left out. */
  tokens: string[];
  /** The same tokens folded. */
  folded: string[];
}

export interface QuestionFocus {
  /** Clauses that carry content, in the order written. */
  clauses: Clause[];
  /** True when the message is nothing but greeting, thanks, signature or filler. */
  contentless: boolean;
  /** Number of canonical tokens in the whole message (before anything was set aside). */
  length: number;
}

/** Input beyond this is not read: a letter's questions come well before it. */
const MAX_INPUT_CHARS = 4_000;
/** Messages this short are one question as they stand (only a greeting or thanks around them is set aside). */
export const SHORT_MESSAGE_TOKENS = 14;

// Sentence ends: ? ! ; newlines, an ellipsis, and a full stop that is not inside a number ("1.500.000", "8.2020").
const SENTENCE_END = /[?!;\n…]+|\.(?!\d)/g;

/** Token sequences that open a new clause (the marker stays with the clause it opens). */
const OPENERS: readonly string[][] = [
  ['cho', 'em', 'hoi'], ['cho', 'toi', 'hoi'], ['cho', 'minh', 'hoi'], ['cho', 'chau', 'hoi'], ['cho', 'con', 'hoi'],
  ['cho', 'hoi'], ['xin', 'hoi'], ['em', 'xin', 'hoi'], ['toi', 'xin', 'hoi'], ['muon', 'hoi'], ['can', 'hoi'],
  ['nho', 'anh', 'chi'], ['nho', 'ad'], ['vay', 'thi'], ['vay', 'cho'], ['nhu', 'vay', 'thi'], ['the', 'thi'],
  ['khong', 'biet'], ['mong', 'anh', 'chi'], ['mong', 'co', 'quan'], ['mong', 'ad'], ['mong', 'duoc'],
  ['em', 'cam', 'on'], ['toi', 'cam', 'on'], ['minh', 'cam', 'on'], ['xin', 'cam', 'on'], ['xin', 'chan', 'thanh'],
  ['chan', 'thanh', 'cam', 'on'], ['tran', 'trong'],
];

const GREETING_START = new Set(['chao', 'kinh', 'thua', 'alo', 'hi', 'hello', 'dear']);
/** Words a greeting sentence may consist of ("Kính gửi Bảo hiểm xã hội tỉnh Thái Nguyên", "Chào ad ạ"). */
const ADDRESSEE = new Set([
  'xin', 'chao', 'kinh', 'gui', 'thua', 'alo', 'hi', 'hello', 'da', 'vang', 'a', 'ah', 'anh', 'chi', 'em', 'ban', 'ad',
  'admin', 'bot', 'tro', 'ly', 'co', 'chu', 'bac', 'quy', 'can', 'bo', 'quan', 'bao', 'hiem', 'xa', 'hoi', 'tinh',
  'thai', 'nguyen', 'bac', 'kan', 'viet', 'nam', 'so', 'nhe', 'nha', 'oi', 'moi', 'nguoi', 'toi', 'minh', 'ca',
  'buoi', 'sang', 'trua', 'chieu', 'toa', 'soan', 'bien', 'tap', 'vien', 'phong', 'ban', 'doc', 'chuyen', 'gia', 'luat',
  'su', 'tu', 'van', 'cac', 'va', 'to', 'nhom', 'dong', 'chi',
]);
/** Words that may follow a greeting at the start of a sentence that goes on with content ("Chào anh chị, …"). */
const GREETING_TAIL = new Set(['xin', 'chao', 'gui', 'anh', 'chi', 'em', 'ban', 'ad', 'admin', 'bot', 'a', 'ah', 'oi', 'moi', 'nguoi', 'ca', 'nha', 'nhe', 'co', 'chu', 'bac', 'quy', 'da', 'vang']);
const THANKS = [['cam', 'on'], ['thank'], ['thanks'], ['tran', 'trong'], ['chan', 'thanh']];
/** What a closing sentence asks for ("mong anh chị giải đáp giúp"): a request to answer, not a question. */
const CLOSING_REQUEST = new Set(['giai', 'dap', 'tra', 'loi', 'tu', 'van', 'huong', 'dan', 'giup', 'do', 'som', 'phan', 'hoi', 'xem', 'xet']);
/** A self-introduction ("Tôi tên là …", "Họ tên: …"): set aside whatever follows. */
const NAME_LEAD: readonly string[][] = [
  ['ten', 'la'], ['ten', 'toi'], ['ten', 'em'], ['ten', 'minh'], ['ho', 'ten'], ['ho', 'va', 'ten'], ['em', 'ten'], ['toi', 'ten'],
  ['minh', 'ten'], ['chau', 'ten'], ['con', 'ten'],
];
/** A number given for identification ("CCCD 0191…", "SĐT: 09…"): set aside only when a number follows. */
const NUMBER_LEAD: readonly string[][] = [
  ['so', 'can', 'cuoc'], ['can', 'cuoc', 'cong', 'dan'], ['chung', 'minh', 'nhan', 'dan'], ['ma', 'so'], ['so', 'so'],
  ['so', 'dien', 'thoai'], ['dien', 'thoai'], ['email'], ['mail'], ['zalo'], ['dia', 'chi'],
];
const BEFORE_GREETING = new Set(['da', 'xin', 'em', 'toi', 'minh', 'chau', 'con', 'vang']);

/** Index of the greeting word ("chào", "kính", "alo"…) among a sentence's first words, or -1. */
function greetingAt(folded: readonly string[]): number {
  for (let i = 0; i < Math.min(3, folded.length); i++) {
    if (GREETING_START.has(folded[i]!)) return i;
    if (!BEFORE_GREETING.has(folded[i]!)) return -1;
  }
  return -1;
}

function isGreeting(folded: readonly string[]): boolean {
  return greetingAt(folded) >= 0 && folded.every((w) => ADDRESSEE.has(w) || BEFORE_GREETING.has(w));
}

/** Leading greeting words to drop ("Chào anh chị, …", "Kính gửi BHXH tỉnh …"), or 0. */
function greetingPrefix(folded: readonly string[]): number {
  const first = greetingAt(folded);
  if (first < 0) return 0;
  let i = first + 1;
  while (i < folded.length && GREETING_TAIL.has(folded[i]!) && i < first + 5) i++;
  return i;
}

function isThanks(folded: readonly string[]): boolean {
  if (!THANKS.some((t) => contains(folded, t)) && !(folded[0] === 'mong' && folded.some((w) => CLOSING_REQUEST.has(w)))) return false;
  // "mong anh chị trả lời giúp em có được rút không" still asks: only a short closing without a question is thanks.
  return folded.length <= 12 && !asks(folded.filter((w) => !CLOSING_REQUEST.has(w)), false);
}

function isPersonal(folded: readonly string[]): boolean {
  const leads = (list: readonly string[][]) => list.some((p) => startsWith(folded, 0, p) || startsWith(folded, 1, p));
  if (asks(folded, false)) return false;
  return leads(NAME_LEAD) || (leads(NUMBER_LEAD) && folded.some((w) => /\d{4,}/.test(w)));
}

/** Splits a sentence's tokens at clause openers; each marker starts the clause it opens. */
function clausesOf(folded: readonly string[]): [number, number][] {
  const cuts = [0];
  for (let i = 1; i < folded.length; i++) {
    if (OPENERS.some((o) => startsWith(folded, i, o)) && i - cuts[cuts.length - 1]! >= 2) cuts.push(i);
  }
  return cuts.map((start, k) => [start, cuts[k + 1] ?? folded.length]);
}

/**
 * The sentences of a message (its first MAX_INPUT_CHARS), each with whether it ended in "?", in any language:
 * a full stop inside a number ("1.500.000", "8.2020") does not end one.
 */
export function sentencesOf(raw: string): { text: string; questionMark: boolean }[] {
  const text = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const sentences: { text: string; questionMark: boolean }[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    sentences.push({ text: text.slice(start, m.index), questionMark: m[0].includes('?') });
    start = m.index + m[0].length;
  }
  sentences.push({ text: text.slice(start), questionMark: false });
  return sentences;
}

/** The clauses of one message, greeting, thanks, signature and personal details set aside. */
export function focusQuestion(raw: string): QuestionFocus {
  const clauses: Clause[] = [];
  let length = 0;
  for (const sentence of sentencesOf(raw)) {
    for (const part of sentence.text.split(',')) {
      const n = normalizeText(part);
      if (n.tokens.length === 0) continue;
      length += n.tokens.length;
      const spans = clausesOf(n.folded);
      spans.forEach(([from, to], k) => {
        let tokens = n.tokens.slice(from, to);
        let folded = n.folded.slice(from, to);
        const last = k === spans.length - 1;
        if (isGreeting(folded) || isThanks(folded) || isPersonal(folded)) return;
        const skip = greetingPrefix(folded);
        if (skip > 0 && skip < folded.length) {
          tokens = tokens.slice(skip);
          folded = folded.slice(skip);
        }
        const kind: ClauseKind = asks(folded, last && sentence.questionMark) ? 'question' : 'narrative';
        clauses.push({ kind, tokens, folded });
      });
    }
  }
  mergeCommaParts(clauses);
  return { clauses, contentless: clauses.length === 0, length };
}

/**
 * A question split by a comma keeps its condition ("nếu tôi nghỉ việc, thì có được rút không"): a narrative part
 * directly before a question that opens with "thì" / "vậy" belongs to it.
 */
function mergeCommaParts(clauses: Clause[]): void {
  for (let i = clauses.length - 1; i > 0; i--) {
    const c = clauses[i]!;
    const prev = clauses[i - 1]!;
    if (c.kind === 'question' && prev.kind === 'narrative' && ['thi', 'vay', 'the', 'con'].includes(c.folded[0]!) && prev.folded.length <= 12) {
      clauses.splice(i - 1, 2, { kind: 'question', tokens: [...prev.tokens, ...c.tokens], folded: [...prev.folded, ...c.folded] });
    }
  }
}

/**
 * The same focus with each long asking clause typed without punctuation cut into its questions and the story
 * between them (question-markers.ts), or null when there is none. Where such a cut falls is a guess: the
 * retriever uses it only to offer a choice where the message as written found nothing.
 */
export function splitRunOns(focus: QuestionFocus): QuestionFocus | null {
  let changed = false;
  const clauses = focus.clauses.flatMap((c) => {
    const spans = c.kind === 'question' ? splitRunOn(c.folded) : null;
    if (!spans) return [c];
    changed = true;
    return spans.map((s) => ({ kind: s.kind, tokens: c.tokens.slice(s.from, s.to), folded: c.folded.slice(s.from, s.to) }));
  });
  return changed ? { ...focus, clauses } : null;
}

/** True for a message short enough to be taken as one question as it stands. */
export function isShortMessage(focus: QuestionFocus): boolean {
  return focus.length <= SHORT_MESSAGE_TOKENS;
}
