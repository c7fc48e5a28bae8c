/**
 * Question focus for English messages, the counterpart of question-focus.ts: sentences by punctuation, parts by
 * commas; greetings, thanks and personal details set aside; a part asks when it ends with "?", opens with a
 * question word or an auxiliary ("how", "can", "do I"), or says it wants to know. A condition before a comma
 * ("if I quit my job, can I withdraw") stays with its question. Also the shape of an elliptical follow-up
 * ("what about women?", "and for near-poor households?").
 */
import { normalizeEnglish, stem } from './english-normalize.js';
import { sentencesOf, type Clause, type ClauseKind, type QuestionFocus } from './question-focus.js';


// Written as words, compared as normalizeEnglish's stems.
const stems = (words: string) => words.split(' ').map(stem);
const set = (words: string) => new Set(stems(words));
const seqs = (list: string) => list.split(',').map((p) => stems(p.trim()));

const QUESTION_OPENERS = set('what how when where who which why whom whose is are am do does did can could should would will may must have has shall was were');
const WANTS_TO_KNOW = seqs('want to know, like to know, wondering, tell me, let me know, need to know, please advise, please explain, advise me, question is, my question, want to ask, is it true');
const GREETING_START = set('hi hello hey dear good greetings');
const GREETING_WORDS = set('hi hello hey dear good morning afternoon evening greetings sir madam team bhxh bot there all everyone admin staff office social insurance agency');
const THANKS = set('thank thanks appreciate regards cheers sincerely best');
const PERSONAL_LEADS = seqs('my name is, name, passport, phone, email');
const CONDITION_OPENERS = set('if when after before since as because now while once given');
const LEADS = set('so and but then also please');

const startsWith = (tokens: readonly string[], at: number, seq: readonly string[]) => seq.every((w, j) => tokens[at + j] === w);
const contains = (tokens: readonly string[], seq: readonly string[]) => tokens.some((_, i) => startsWith(tokens, i, seq));

/** True when an English part asks something. */
export function asksEnglish(tokens: readonly string[], questionMark: boolean): boolean {
  if (questionMark) return true;
  if (QUESTION_OPENERS.has(tokens[0] ?? '')) return true;
  // "so how much...", "and can I..."
  if (LEADS.has(tokens[0] ?? '') && QUESTION_OPENERS.has(tokens[1] ?? '')) return true;
  return WANTS_TO_KNOW.some((p) => contains(tokens, p));
}

const isGreeting = (t: readonly string[]) => GREETING_START.has(t[0] ?? '') && t.length <= 6 && t.every((w) => GREETING_WORDS.has(w));
const isThanks = (t: readonly string[]) => t.some((w) => THANKS.has(w)) && t.length <= 10 && !asksEnglish(t, false);
const isPersonal = (t: readonly string[]) => !asksEnglish(t, false) && PERSONAL_LEADS.some((p) => startsWith(t, 0, p)) && t.length <= 10;

/** The clauses of an English message, greeting, thanks and personal details set aside. */
export function focusEnglish(raw: string): QuestionFocus {
  const clauses: Clause[] = [];
  let length = 0;
  for (const sentence of sentencesOf(raw)) {
    const parts = sentence.text.split(',');
    parts.forEach((part, k) => {
      let tokens = normalizeEnglish(part).tokens;
      if (tokens.length === 0) return;
      length += tokens.length;
      if (isGreeting(tokens) || isThanks(tokens) || isPersonal(tokens)) return;
      // "Hi, ..." / "Hello team, ...": the greeting words before the content go.
      if (GREETING_START.has(tokens[0]!) && tokens.length > 1) {
        let i = 1;
        while (i < tokens.length && i < 4 && GREETING_WORDS.has(tokens[i]!)) i++;
        if (i < tokens.length) tokens = tokens.slice(i);
      }
      const kind: ClauseKind = asksEnglish(tokens, k === parts.length - 1 && sentence.questionMark) ? 'question' : 'narrative';
      clauses.push({ kind, tokens, folded: tokens });
    });
  }
  // A condition stays with the question it conditions.
  for (let i = clauses.length - 1; i > 0; i--) {
    const c = clauses[i]!;
    const prev = clauses[i - 1]!;
    if (c.kind === 'question' && prev.kind === 'narrative' && CONDITION_OPENERS.has(prev.folded[0]!) && prev.folded.length <= 14) {
      clauses.splice(i - 1, 2, { kind: 'question', tokens: [...prev.tokens, ...c.tokens], folded: [...prev.folded, ...c.folded] });
    }
  }
  return { clauses, contentless: clauses.length === 0, length };
}

const MAX_FOLLOW_UP_TOKENS = 10;
const FOLLOW_UP_OPENINGS = seqs('what about, how about, and, what if, if, but if, same for, also for, for, in case, does that apply, does this apply, does it apply, is it the same, then, so');
const FOLLOW_UP_ENDINGS = seqs('too, as well, instead, then');

/** The shape of an English follow-up that leans on the answer before. */
export function looksEllipticalEnglish(focus: QuestionFocus): boolean {
  if (focus.length === 0 || focus.length > MAX_FOLLOW_UP_TOKENS) return false;
  const words = focus.clauses.flatMap((c) => c.folded);
  return FOLLOW_UP_OPENINGS.some((o) => startsWith(words, 0, o)) || FOLLOW_UP_ENDINGS.some((e) => startsWith(words, words.length - e.length, e));
}
