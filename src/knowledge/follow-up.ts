/**
 * Elliptical follow-ups: a short message that leans on the answer just given ("còn nữ thì sao?", "thế còn hộ
 * nghèo?", "nếu tôi 45 tuổi thì sao", "vậy đóng ở đâu", "còn học sinh cấp 3?"). Only the shape is judged here;
 * the retriever decides whether the message also stands on its own as a complete question.
 */
import type { QuestionFocus } from '../text/question-focus.js';
import type { Ranked } from './confidence.js';
import type { Scored } from './scoring.js';

/** Longer messages are read on their own. */
const MAX_FOLLOW_UP_TOKENS = 12;

const OPENINGS: readonly string[][] = [
  ['con'], ['the', 'con'], ['vay', 'con'], ['the'], ['vay'], ['neu'], ['nhung', 'neu'], ['con', 'neu'], ['truong', 'hop'],
  ['thi'], ['the', 'thi'], ['vay', 'thi'], ['con', 'voi'], ['doi', 'voi'], ['voi'], ['rieng'], ['lo'], ['gia', 'su'], ['nhu', 'vay'],
];
const ENDINGS: readonly string[][] = [
  ['thi', 'sao'], ['thi', 'the', 'nao'], ['the', 'nao'], ['sao'], ['thi', 'lam', 'sao'], ['thi', 'nhu', 'the', 'nao'], ['thi', 'ra', 'sao'],
  ['thi', 'sao', 'a'], ['thi', 'sao', 'vay'], ['duoc', 'khong'], ['o', 'dau'], ['bao', 'nhieu'], ['bao', 'lau'], ['khi', 'nao'],
];
/**
 * A message this short that on its own only finds entries to choose from is read with the answer before too,
 * whatever its shape: after "who must pay BHTN", "đóng bao nhiêu phần trăm" asks about BHTN.
 */
export const LEANING_TOKENS = 10;
const PARTICLES = new Set(['a', 'ah', 'ak', 'nhe', 'nha', 'nhi', 'vay', 'ha', 'ne', 'oi', 'z', 'v']);

export function looksElliptical(focus: QuestionFocus): boolean {
  if (focus.length === 0 || focus.length > MAX_FOLLOW_UP_TOKENS) return false;
  const folded = focus.clauses.flatMap((c) => c.folded);
  let end = folded.length;
  while (end > 0 && PARTICLES.has(folded[end - 1]!)) end--;
  const words = folded.slice(0, end);
  const opens = OPENINGS.some((o) => o.every((w, i) => words[i] === w));
  const closes = ENDINGS.some((e) => e.every((w, i) => words[words.length - e.length + i] === w));
  return opens || closes;
}

/** What a follow-up is read against: the entry answered before and its neighbours. */
export interface Previous {
  id: string;
  topic?: string;
  related: readonly string[];
}

/** A follow-up usually stays in the family of what was just answered: its topic, its related entries. */
const SAME_TOPIC_BONUS = 0.06;
const RELATED_BONUS = 0.04;
/** "còn nữ thì sao?" after the retirement-age answer: the same entry with another slot is the likeliest reading. */
const SAME_ENTRY_BONUS = 0.06;

/** The candidates of a follow-up re-ranked towards the previous entry's family. */
export function towardsPrevious(r: Ranked, previous: Previous, topicOf: (id: string) => string | undefined): Ranked {
  const bonus = (m: Scored) =>
    (m.id === previous.id ? SAME_ENTRY_BONUS : 0) + (previous.topic !== undefined && topicOf(m.id) === previous.topic ? SAME_TOPIC_BONUS : 0) + (previous.related.includes(m.id) ? RELATED_BONUS : 0);
  const ranked = r.ranked.map((m) => ({ ...m, score: m.score + bonus(m) })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return { ...r, ranked, agree: r.agree && ranked[0]?.id === r.ranked[0]?.id };
}
