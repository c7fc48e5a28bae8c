/**
 * Feedback on answers, so that a wrong answer (the dangerous case) reaches staff and not only the questions the
 * bot could not answer: "Chưa đúng" under an answer, or "Không phải các câu trên" under a clarification, puts
 * the question (redacted, as for the fallback queue) with what the bot gave into the review queue as a
 * misroute; "Đúng ý tôi" is counted. Doubtful answers are also sampled into the queue before anyone complains.
 */
import { redact, REDACTION_LABEL } from '../privacy/redact.js';
import { normalizeText } from '../text/normalize.js';
import { encodePayload } from './payload-codec.js';
import { roundScore, type AskedQuestion, type Button, type Channel, type ConversationState, type Language, type Translator, type UnansweredQueue } from './types.js';

const MAX_SAVED_QUESTION = 500;
/** An answer this unsure (or one that covers the question only in part) may be sampled for staff review. */
export const LOW_CONFIDENCE_SCORE = 0.5;
/** A typed "0" says the answer just given was not right (channels without buttons: Zalo, the terminal). */
export const NOT_RIGHT_TYPED = /^\s*0\s*[.)]?\s*$/;

/** The question as it may be kept: redacted before it is cut, folded for grouping. */
export function keptQuestion(raw: string): Pick<AskedQuestion, 'text' | 'folded'> {
  const text = redact(raw).text.slice(0, MAX_SAVED_QUESTION);
  return { text, folded: normalizeText(text.replace(REDACTION_LABEL, ' ')).folded.join(' ') };
}

export function feedbackButtons(t: Translator, lang: Language, entryId: string): Button[] {
  return [
    { label: t(lang, 'feedback.good'), payload: encodePayload({ type: 'feedback', verdict: 'good', entryId }) },
    { label: t(lang, 'feedback.bad'), payload: encodePayload({ type: 'feedback', verdict: 'bad', entryId }) },
  ];
}

export interface FeedbackDeps {
  t: Translator;
  unanswered: UnansweredQueue;
  /** Buttons that follow the thanks for a "not right": talk to staff, the menu. */
  afterNotRight: (lang: Language) => Button[];
  menuButton: (lang: Language) => Button;
}

export interface FeedbackResult {
  text: string;
  buttons: Button[];
  state: ConversationState;
  /** What to count: helpful / not-helpful per entry, or a clarification none of whose entries fitted. */
  event?: { metric: 'helpful' | 'not-helpful' | 'none-fitted'; key: string };
}

/** "Đúng ý tôi", "Chưa đúng" or "Không phải các câu trên". `userKey` null: queue nothing (a stateless newcomer). */
export function handleFeedback(
  deps: FeedbackDeps,
  verdict: { verdict: 'good' | 'bad'; entryId: string } | { verdict: 'none' },
  state: ConversationState,
  channel: Channel,
  userKey: string | null,
  now: number,
): FeedbackResult {
  const lang = state.lang;
  const { asked, ...rest } = state;
  if (verdict.verdict === 'good') {
    return { text: deps.t(lang, 'feedback.thanksGood'), buttons: [deps.menuButton(lang)], state: rest, event: { metric: 'helpful', key: verdict.entryId } };
  }
  const given = verdict.verdict === 'bad' ? verdict.entryId : undefined;
  // The question goes to staff only when it is the one this feedback is about (not an old button pressed late).
  const about = asked && (given === undefined ? asked.entryId === undefined && asked.candidates !== undefined : asked.entryId === given) ? asked : undefined;
  if (about && userKey !== null) {
    deps.unanswered.add({
      text: about.text,
      folded: about.folded,
      channel,
      userKey,
      at: now,
      nearest: given ? [{ id: given, score: roundScore(about.score) }] : (about.candidates ?? []).map((id) => ({ id, score: roundScore(about.score) })),
      kind: 'misroute',
      ...(given ? { given } : {}),
    });
  }
  return {
    text: deps.t(lang, about ? 'feedback.thanksNotRight' : 'feedback.thanksNotRightLate'),
    buttons: deps.afterNotRight(lang),
    state: rest,
    event: given ? { metric: 'not-helpful', key: given } : { metric: 'none-fitted', key: (asked?.candidates ?? [])[0] ?? 'unknown' },
  };
}

