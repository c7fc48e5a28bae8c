/**
 * The retriever's decision: answer, clarify, or nothing. A wrong answer stated with a legal basis is worse than
 * "did you mean…", so an answer needs more than a high score: a lead over the runner-up, and the words that make
 * the entry what it is present in the question. What falls short becomes a clarification, likeliest first.
 */
import type { Scored } from './scoring.js';

export interface Match {
  id: string;
  score: number;
  /** The phrasing that matched best. */
  question: string;
}

export type Retrieval =
  | {
      kind: 'answer';
      match: Match;
      alternatives: Match[];
      /** Entries answering the message's other questions, to offer as buttons. */
      also?: Match[];
      /** The message was read as a follow-up of the entry answered before. */
      followUp?: boolean;
      /** The answer covers the question on its own (a complete question, not an elliptical one). */
      complete?: boolean;
      /** Answered on a narrow lead (see DecisionProfile.narrow): a short follow-up still reads it with the answer before. */
      narrow?: boolean;
    }
  | { kind: 'clarify'; candidates: Match[] }
  | { kind: 'none'; nearest: Match[]; outOfScope?: string };

/** When to answer, for one kind of message. */
export interface DecisionProfile {
  /** Below this score: nothing found (fallback). */
  floor: number;
  /** At or above this lead over the runner-up: answer (if the signals below agree). */
  lead: number;
  /** At or above this score: answer whatever the runner-up scores (if the signals below agree). */
  sure: number;
  /** An answer needs at least this share of the entry's key terms in the question. */
  minKeyCoverage: number;
  /** An answer needs the entry to cover at least this share of what was asked. */
  minAskedCoverage: number;
  /** An answer needs the readings that lean on the best phrasing and on the whole entry to agree. */
  requireAgreement: boolean;
  /** An answer covering fewer of the entry's key terms than `key` needs a lead of at least `lead`. */
  partial?: { key: number; lead: number };
  /**
   * A lead from `lead` up to the profile's lead answers too when the question holds at least `key` of the
   * entry's key terms, and no fewer than the runner-up's: the words that make the entry what it is were asked.
   */
  narrow?: { lead: number; key: number };
}

export interface RetrieverThresholds {
  /** Short questions (up to 14 syllables). */
  short: DecisionProfile;
  /** Letters: their scores run lower and their wrong answers hide among siblings, so they need more agreement. */
  long: DecisionProfile;
  /** Candidates offered when clarifying: within this distance of the best. */
  clarifyWindow: number;
}

/**
 * Tuned with npm run eval on the development sets (short questions and test/eval/letters-1.yaml; letters-2.yaml
 * held out) so that a wrong answer becomes a clarification: at most about 3% of short questions and 5% of
 * letters answered with the wrong entry. A letter's answer that covers under 60% of the entry's key terms needs
 * a clear lead: most letters answered wrongly were such near ties (two right answers turn into a choice, with
 * the right entry first, for each wrong one that does). A short question with a narrow lead (0.04 to 0.08) is
 * answered when it asks at least half of the entry's key terms, and no fewer than the runner-up: most short
 * questions clarified on the lead alone had the right entry first (76.9% → 84.4% right, wrong unchanged at
 * 1.5%); a short message after such an answer is still read with the answer before.
 */
export const DEFAULT_THRESHOLDS: RetrieverThresholds = {
  short: { floor: 0.29, lead: 0.08, sure: 0.9, minKeyCoverage: 0, minAskedCoverage: 0, requireAgreement: false, narrow: { lead: 0.04, key: 0.5 } },
  long: { floor: 0.22, lead: 0.03, sure: 0.45, minKeyCoverage: 0.3, minAskedCoverage: 0, requireAgreement: true, partial: { key: 0.6, lead: 0.1 } },
  clarifyWindow: 0.1,
};

/**
 * English questions, read on the English phrasings (tuned with npm run eval on test/eval/english-questions.yaml):
 * an English question shares fewer exact words with its entry, so an answer also needs some of the entry's key
 * terms; the rest is clarified, likeliest first.
 */
export const ENGLISH_THRESHOLDS: RetrieverThresholds = {
  ...DEFAULT_THRESHOLDS,
  short: { ...DEFAULT_THRESHOLDS.short, floor: 0.33, lead: 0.03, minKeyCoverage: 0.3 },
};

/** An answer that stands on its own: most of the question and of the entry's key terms covered. */
const COMPLETE_ASKED = 0.6;
const COMPLETE_KEY = 0.5;

export interface Ranked {
  ranked: Scored[];
  /** The best match of all, out-of-scope topics included. */
  first: Scored | undefined;
  /** The best match of all is an out-of-scope topic. */
  outOfScope: boolean;
  /** The best entry stays best whether the score leans on its best phrasing or on all its phrasings. */
  agree: boolean;
  /** A long message (a letter), whose scores run lower than a short question's. */
  long: boolean;
}

const plain = ({ id, score, question }: Scored): Match => ({ id, score, question });

/**
 * @param order how a clarification orders its candidates: by likelihood (the score, raised when the entry's own
 *   key terms were asked), or by score alone (a follow-up, whose words do not repeat what was asked before)
 */
export function decide(r: Ranked, t: RetrieverThresholds, order: 'likelihood' | 'score' = 'likelihood'): Retrieval {
  const nearest = r.ranked.slice(0, 3).map(plain);
  if (r.outOfScope && r.first) return { kind: 'none', nearest, outOfScope: r.first.id };
  const p = r.long ? t.long : t.short;
  const top = r.ranked[0];
  if (!top || top.score < p.floor) return { kind: 'none', nearest };
  const second = r.ranked[1];
  const lead = top.score - (second?.score ?? 0);
  const firm = top.score >= p.sure || lead >= p.lead;
  const narrow = !firm && p.narrow !== undefined && lead >= p.narrow.lead && top.keyCoverage >= p.narrow.key && top.keyCoverage >= (second?.keyCoverage ?? 0);
  const byScore = firm || narrow;
  const bySignals =
    top.keyCoverage >= p.minKeyCoverage &&
    top.askedCoverage >= p.minAskedCoverage &&
    (r.agree || !p.requireAgreement) &&
    !(p.partial && top.keyCoverage < p.partial.key && lead < p.partial.lead);
  if (byScore && bySignals) {
    const complete = top.askedCoverage >= COMPLETE_ASKED && top.keyCoverage >= COMPLETE_KEY;
    return { kind: 'answer', match: plain(top), alternatives: r.ranked.slice(1, 3).map(plain), complete, ...(narrow ? { narrow } : {}) };
  }
  const candidates = r.ranked
    .filter((m) => m.score >= p.floor && m.score >= top.score - t.clarifyWindow)
    .sort((a, b) => (order === 'likelihood' ? likelihood(b) - likelihood(a) : 0) || b.score - a.score)
    .slice(0, 3)
    .map(plain);
  return { kind: 'clarify', candidates };
}

/** Order of a clarification: the score, raised when the entry's own key terms were asked. */
function likelihood(m: Scored): number {
  return m.score * (0.8 + 0.2 * m.keyCoverage);
}
