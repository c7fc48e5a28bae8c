/**
 * The FAQ part of a turn: the retriever's decision turned into replies. An answer remembers its entry (not the
 * user's words) for a few turns so that an elliptical follow-up is read against it; a message with several
 * questions gets the clearest answered and the others offered as buttons; what the bot cannot answer is queued
 * for staff, redacted.
 */
import { looksEnglish } from '../text/english-glossary.js';
import { keptQuestion, LOW_CONFIDENCE_SCORE } from './feedback.js';
import type { FaqEntry, FaqIndex } from './faq.js';
import type { ReplyKit } from './replies.js';
import { roundScore, type BotResponse, type Channel, type ConversationState, type Language, type LastAnswer, type UnansweredQueue } from './types.js';

/** A follow-up is read against the last answer for this long, and this many turns. */
export const FOLLOW_UP_MS = 10 * 60_000;
export const FOLLOW_UP_TURNS = 3;

export interface FaqTurnDeps {
  faq: () => FaqIndex;
  kit: ReplyKit;
  unanswered: UnansweredQueue;
  /** Share of doubtful answers sampled into the review queue (0–1). */
  sampleRate?: number;
}

/** The last answer one turn older, or undefined once it is too old to lean on. */
export function agedLastAnswer(last: LastAnswer | undefined, now: number): LastAnswer | undefined {
  if (!last) return undefined;
  const turns = last.turns + 1;
  return turns > FOLLOW_UP_TURNS || now - last.at > FOLLOW_UP_MS ? undefined : { ...last, turns };
}

/** The language a reply is in: a message written in English is answered in English, whatever the setting. */
export const replyLanguage = (lang: Language, text: string | undefined): Language => (lang === 'vi' && text !== undefined && looksEnglish(text) ? 'en' : lang);

export function createFaqTurn(deps: FaqTurnDeps) {
  /** `userKey`: who asks, or null to queue nothing of theirs (a stateless newcomer). */
  return function faqTurn(channel: Channel, userKey: string | null, raw: string, state: ConversationState, now: number): { response: BotResponse; state: ConversationState } {
    const lang = replyLanguage(state.lang, raw);
    const faq = deps.faq();
    const previous = state.lastAnswer && faq.entry(state.lastAnswer.entryId) ? state.lastAnswer.entryId : undefined;
    const r = faq.classify(raw, previous ? { previousEntryId: previous } : undefined);
    const { asked: _previousQuestion, ...rest } = state;
    if (r.kind === 'answer') {
      const entry = faq.entry(r.match.id)!;
      const also = (r.also ?? []).map((m) => faq.entry(m.id)).filter((e): e is FaqEntry => e !== undefined);
      const kept = keptQuestion(raw);
      const doubtful = r.match.score < LOW_CONFIDENCE_SCORE || r.complete === false || r.narrow === true;
      if (doubtful && userKey !== null && sampled(kept.folded, deps.sampleRate ?? 0)) {
        deps.unanswered.add({ ...kept, channel, userKey, at: now, nearest: [{ id: entry.id, score: roundScore(r.match.score) }], kind: 'sampled', given: entry.id });
      }
      return {
        response: { replies: [deps.kit.answer(lang, entry, also)], outcome: { kind: 'answer', entryId: entry.id, score: r.match.score } },
        state: { ...rest, lastAnswer: { entryId: entry.id, at: now, turns: 0 }, asked: { ...kept, entryId: entry.id, score: r.match.score, at: now } },
      };
    }
    if (r.kind === 'clarify') {
      const candidates = r.candidates.map((c) => c.id);
      return {
        response: { replies: [deps.kit.clarify(lang, r.candidates)], outcome: { kind: 'clarify', candidates, score: r.candidates[0]!.score } },
        state: { ...rest, asked: { ...keptQuestion(raw), candidates, score: r.candidates[0]!.score, at: now } },
      };
    }
    if (userKey !== null) {
      // Redacted before it is cut, so that no half of a number escapes the patterns.
      deps.unanswered.add({ ...keptQuestion(raw), channel, userKey, at: now, nearest: r.nearest.map((m) => ({ id: m.id, score: roundScore(m.score) })) });
    }
    return { response: { replies: [deps.kit.fallback(lang)], outcome: { kind: 'fallback', score: r.nearest[0]?.score ?? 0 } }, state: rest };
  };
}


/**
 * Whether a doubtful answer goes to review: a fixed share of questions, chosen by a hash of the question (the
 * same question is always chosen or not, so the sample spreads over different questions and a test or a
 * replay gives the same queue).
 */
function sampled(folded: string, rate: number): boolean {
  if (rate <= 0) return false;
  let h = 2166136261;
  for (let i = 0; i < folded.length; i++) h = Math.imul(h ^ folded.charCodeAt(i), 16777619) >>> 0;
  return h / 4294967296 < rate;
}
