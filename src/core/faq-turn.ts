/**
 * The FAQ part of a turn: the retriever's decision turned into replies. An answer remembers its entry (not the
 * user's words) for a few turns so that an elliptical follow-up is read against it; a message with several
 * questions gets the clearest answered and the others offered as buttons; what the bot cannot answer is queued
 * for staff, redacted.
 */
import { redact, REDACTION_LABEL } from '../privacy/redact.js';
import { normalizeText } from '../text/normalize.js';
import type { FaqEntry, FaqIndex } from './faq.js';
import type { ReplyKit } from './replies.js';
import type { BotResponse, Channel, ConversationState, LastAnswer, UnansweredQueue } from './types.js';

const MAX_SAVED_QUESTION = 500;
/** A follow-up is read against the last answer for this long, and this many turns. */
export const FOLLOW_UP_MS = 10 * 60_000;
export const FOLLOW_UP_TURNS = 3;

export interface FaqTurnDeps {
  faq: () => FaqIndex;
  kit: ReplyKit;
  unanswered: UnansweredQueue;
}

/** The last answer one turn older, or undefined once it is too old to lean on. */
export function agedLastAnswer(last: LastAnswer | undefined, now: number): LastAnswer | undefined {
  if (!last) return undefined;
  const turns = last.turns + 1;
  return turns > FOLLOW_UP_TURNS || now - last.at > FOLLOW_UP_MS ? undefined : { ...last, turns };
}

export function createFaqTurn(deps: FaqTurnDeps) {
  /** `userKey`: who asks, or null to queue nothing of theirs (a stateless newcomer). */
  return function faqTurn(channel: Channel, userKey: string | null, raw: string, state: ConversationState, now: number): { response: BotResponse; state: ConversationState } {
    const lang = state.lang;
    const faq = deps.faq();
    const previous = state.lastAnswer && faq.entry(state.lastAnswer.entryId) ? state.lastAnswer.entryId : undefined;
    const r = faq.classify(raw, previous ? { previousEntryId: previous } : undefined);
    if (r.kind === 'answer') {
      const entry = faq.entry(r.match.id)!;
      const also = (r.also ?? []).map((m) => faq.entry(m.id)).filter((e): e is FaqEntry => e !== undefined);
      return {
        response: { replies: [deps.kit.answer(lang, entry, also)], outcome: { kind: 'answer', entryId: entry.id, score: r.match.score } },
        state: { ...state, lastAnswer: { entryId: entry.id, at: now, turns: 0 } },
      };
    }
    if (r.kind === 'clarify') {
      return {
        response: { replies: [deps.kit.clarify(lang, r.candidates)], outcome: { kind: 'clarify', candidates: r.candidates.map((c) => c.id), score: r.candidates[0]!.score } },
        state,
      };
    }
    if (userKey !== null) {
      // Redact the whole text before cutting it, so that no half of a number escapes the patterns.
      const saved = redact(raw).text.slice(0, MAX_SAVED_QUESTION);
      deps.unanswered.add({
        text: saved,
        folded: normalizeText(saved.replace(REDACTION_LABEL, ' ')).folded.join(' '),
        channel,
        userKey,
        at: now,
        nearest: r.nearest.map((m) => ({ id: m.id, score: Math.round(m.score * 1000) / 1000 })),
      });
    }
    return { response: { replies: [deps.kit.fallback(lang)], outcome: { kind: 'fallback', score: r.nearest[0]?.score ?? 0 } }, state };
  };
}
