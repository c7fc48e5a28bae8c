/**
 * A citizen answers a staff reply: "Trả lời cán bộ" under the reply opens the answer, and the next message
 * (redacted) goes into that request's thread, which returns to the staff queue. It waits a limited time and
 * never takes a command ("menu", "hủy" leave it).
 */
import { redact } from '../privacy/redact.js';
import type { ConversationState, Reply, Translator, Button } from './types.js';

/** The answer is waited for this long after the button was pressed. */
export const ANSWER_STAFF_MS = 30 * 60_000;
const MAX_ANSWER = 2_000;

/** Files the answer; false when the request is not this person's or is gone. */
export type AnswerStaff = (requestId: number, userKey: string, text: string, at: number) => boolean;

export function startAnswer(t: Translator, state: ConversationState, requestId: number, now: number, menu: Button): { reply: Reply; state: ConversationState } {
  return { reply: { text: t(state.lang, 'staffReply.askAnswer'), buttons: [menu] }, state: { ...state, answeringStaff: { requestId, at: now } } };
}

/** The open answer, if it is still waited for. */
export function openAnswer(state: ConversationState, now: number): { requestId: number } | undefined {
  const a = state.answeringStaff;
  return a && now - a.at <= ANSWER_STAFF_MS ? { requestId: a.requestId } : undefined;
}

export function fileAnswer(t: Translator, answer: AnswerStaff | undefined, state: ConversationState, requestId: number, userKey: string, text: string, now: number, menu: Button): { reply: Reply; state: ConversationState } {
  const { answeringStaff: _done, ...rest } = state;
  const filed = answer?.(requestId, userKey, redact(text).text.slice(0, MAX_ANSWER), now) ?? false;
  return { reply: { text: t(state.lang, filed ? 'staffReply.answerSent' : 'staffReply.answerGone'), buttons: [menu] }, state: rest };
}
