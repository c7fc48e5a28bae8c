/**
 * Where a run of words asks something: question words ("bao nhiêu", "ở đâu", "mấy tháng"), and "có … không" /
 * "… chưa" closing a yes/no question. A clause asks when it holds one; a long run typed without punctuation
 * (letters typed fast on a phone) can be cut into the stretches around each question and the story between them.
 */

/** Particles and fillers that end a question without changing it ("… không ạ", "… được không nhỉ"). */
const TAIL = new Set(['a', 'ah', 'ak', 'nhe', 'nha', 'nhi', 'vay', 'ha', 'the', 'day', 'ne', 'oi', 'ad', 'anh', 'chi', 'em', 'ban', 'luon', 'moi', 'nguoi', 'ca', 'z', 'v']);

const QUESTION_WORDS = new Set(['gi', 'nao']);
const QUESTION_PAIRS = [
  ['bao', 'nhieu'], ['bao', 'lau'], ['bao', 'gio'], ['khi', 'nao'], ['the', 'nao'], ['ra', 'sao'], ['o', 'dau'], ['co', 'phai'],
  ['phai', 'khong'], ['duoc', 'khong'], ['hay', 'khong'], ['cho', 'hoi'], ['xin', 'hoi'], ['muon', 'hoi'], ['can', 'hoi'], ['lam', 'sao'],
  ['thi', 'sao'], ['la', 'sao'], ['tai', 'sao'], ['vi', 'sao'], ['sao', 'lai'], ['di', 'dau'], ['cho', 'nao'], ['noi', 'nao'],
];
/** "mấy" asks when a unit follows ("mấy tháng", "mấy năm"); "công nhân may" does not. */
const COUNT_UNITS = new Set(['thang', 'nam', 'ngay', 'lan', 'tuoi', 'phan', 'tien', 'nguoi', 'tuan', 'gio', 'con', 'buoc', 'loai']);

export const startsWith = (tokens: readonly string[], at: number, seq: readonly string[]) => seq.every((w, j) => tokens[at + j] === w);
export const contains = (tokens: readonly string[], seq: readonly string[]) => tokens.some((_, i) => startsWith(tokens, i, seq));

/** True when a clause asks something: a question word, "có … không", "… không" at its end, or a "?". */
export function asks(folded: readonly string[], questionMark: boolean): boolean {
  if (questionMark) return true;
  // "không … gì" is "nothing", not a question ("vợ tôi không tham gia bảo hiểm gì").
  if (folded.some((w, i) => QUESTION_WORDS.has(w) && !(w === 'gi' && folded.lastIndexOf('khong', i) >= 0 && i < folded.length - 1))) return true;
  if (QUESTION_PAIRS.some((p) => contains(folded, p))) return true;
  if (folded.some((w, i) => w === 'may' && COUNT_UNITS.has(folded[i + 1] ?? ''))) return true;
  let end = folded.length;
  while (end > 0 && TAIL.has(folded[end - 1]!)) end--;
  const final = folded[end - 1];
  return final === 'khong' || final === 'chua' || final === 'sao';
}

/** A clause longer than this with no punctuation in it is a run-on: several sentences typed as one. */
const RUN_ON_TOKENS = 28;
/** How far a question reaches before its question word, and after it. */
const REACH_BEFORE = 18;
const REACH_AFTER = 4;
/** Words that open the next sentence after a yes/no question's "không" ("… được không ạ em nghỉ từ …"). */
const NEXT_SENTENCE = new Set(['em', 'toi', 'minh', 'con', 'chau', 'vay', 'neu', 'va', 'nhung', 'ai', 'sau', 'khi', 'xin', 'cho', 'mong', 'truong', 'hay', 'gio', 'luc']);
/** What makes a "không" or "chưa" the end of a yes/no question rather than a "not" ("có … không", "đã … chưa"). */
const YES_NO_OPENERS = new Set(['co', 'duoc', 'da', 'phai', 'can']);

export type RunOnSpan = { from: number; to: number; kind: 'question' | 'narrative' };

/** Each question in a run of words as [start, end) of its question word(s) and whether it closes its sentence. */
function markers(f: readonly string[]): { at: number; end: number; closes: boolean }[] {
  const out: { at: number; end: number; closes: boolean }[] = [];
  for (let i = 0; i < f.length; i++) {
    const w = f[i]!;
    const pair = QUESTION_PAIRS.find((p) => startsWith(f, i, p));
    if (pair) out.push({ at: i, end: i + pair.length, closes: pair[1] === 'khong' });
    else if (QUESTION_WORDS.has(w) && !(w === 'gi' && f.slice(Math.max(0, i - 6), i).includes('khong'))) out.push({ at: i, end: i + 1, closes: false });
    else if (w === 'may' && COUNT_UNITS.has(f[i + 1] ?? '')) out.push({ at: i, end: i + 2, closes: false });
    else if (w === 'khong' || w === 'chua') {
      let j = i + 1;
      while (j < f.length && TAIL.has(f[j]!)) j++;
      const atEnd = j === f.length || j > i + 1 || NEXT_SENTENCE.has(f[j]!);
      if (atEnd && f.slice(Math.max(0, i - REACH_BEFORE), i).some((x) => YES_NO_OPENERS.has(x))) out.push({ at: i, end: j, closes: true });
    }
  }
  return out;
}

/**
 * A long run without punctuation cut into the questions it holds (each reaching a few words back from its
 * question word, and a few forward unless it closes there) and the story between them; null when the run
 * is short or asks nothing.
 */
export function splitRunOn(folded: readonly string[]): RunOnSpan[] | null {
  if (folded.length <= RUN_ON_TOKENS) return null;
  const found = markers(folded);
  if (found.length === 0) return null;
  const windows: [number, number][] = [];
  for (const m of found) {
    const from = Math.max(0, m.at - REACH_BEFORE, windows.length > 0 ? windows[windows.length - 1]![1] : 0);
    const to = m.closes ? m.end : Math.min(folded.length, m.end + REACH_AFTER);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  const spans: RunOnSpan[] = [];
  let at = 0;
  for (const [from, to] of windows) {
    if (from > at) spans.push({ from: at, to: from, kind: 'narrative' });
    spans.push({ from, to, kind: 'question' });
    at = to;
  }
  if (at < folded.length) spans.push({ from: at, to: folded.length, kind: 'narrative' });
  return spans;
}
