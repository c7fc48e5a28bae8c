/**
 * The Vietnamese-aware FAQ retriever. A message is first split into what it asks and the story around it
 * (text/question-focus.ts); entries are scored on folded syllables and syllable pairs weighted by rarity, the
 * asked part counting fully and the story less (query-terms.ts, scoring.ts). The decision (confidence.ts) is
 * answer, clarify or nothing; a message with several questions answers the clearest and names the others; an
 * elliptical follow-up ("còn nữ thì sao?") is read together with the entry answered just before.
 */
import type { QuestionFocus } from '../text/question-focus.js';
import { decide, DEFAULT_THRESHOLDS, type DecisionProfile, type Match, type Ranked, type Retrieval, type RetrieverThresholds } from './confidence.js';
export type { Ranked } from './confidence.js';
import { LEANING_TOKENS, towardsPrevious } from './follow-up.js';
import { VIETNAMESE_READING, type Reading } from './reading.js';
import { createQueryBuilder, repairBudget, type QuerySegment, type RepairBudget } from './query-terms.js';
import { createScorer, DEFAULT_SCORING, readingsAgree, topMatches, type ScoringOptions } from './scoring.js';
import { entrySchemes, favourNamedScheme, schemesIn } from './schemes.js';
import { buildTermIndex } from './term-index.js';

export { DEFAULT_THRESHOLDS, ENGLISH_THRESHOLDS, type Match, type Retrieval, type RetrieverThresholds } from './confidence.js';
export { DEFAULT_SCORING, type ScoringOptions } from './scoring.js';

export interface RetrievalContext {
  /** The entry answered just before in this conversation, for follow-ups. */
  previousEntryId?: string;
}

export interface Retriever {
  /** Entries ranked by score, best first. */
  search(text: string, limit?: number): Match[];
  /** The decision: answer, clarify with candidates, or nothing. */
  /** `budget` bounds the fuzzy repairs of this message (a fresh one by default). */
  classify(text: string, context?: RetrievalContext, budget?: RepairBudget): Retrieval;
  /** The ranked candidates with their signals, as the decision sees them (for tuning and for staff). */
  explain(text: string): Ranked;
  readonly size: number;
}

export interface RetrieverOptions {
  thresholds?: RetrieverThresholds;
  scoring?: ScoringOptions;
  /** Topics the bot does not answer; when one matches best, the question falls back. */
  outOfScope?: readonly { id: string; questions: readonly string[] }[];
  /** Phrases that mark a question as in scope: out-of-scope topics then do not compete. */
  anchors?: readonly string[];
  /** Recent decisions kept (default 5,000; 0 keeps none, as the latency benchmark does). */
  decisionCache?: number;
  /** Weight of the story around the questions (default NARRATIVE_WEIGHT; for tuning). */
  storyWeight?: number;
  /** The language the phrasings are written in and questions are read as (Vietnamese by default). */
  reading?: Reading;
}

type Doc = { id: string; questions: readonly string[]; topic?: string; related?: readonly string[] };

const DEFAULT_DECISION_CACHE = 5_000;
/** The story around the questions counts this much; more when the questions themselves say little. */
const NARRATIVE_WEIGHT = 0.35;
/** Syllables read from a message: the asked part, then the story. Anything beyond is not read. */
const MAX_ASKED_TOKENS = 90;
const MAX_STORY_TOKENS = 120;
/** The entry answered before counts this much in a follow-up. */
const PREVIOUS_WEIGHT = 0.6;
const MAX_OTHER_QUESTIONS = 2;
/** How a follow-up read with the entry before is decided: its own words must be covered by the entry it is read as. */
const FOLLOW_UP_PROFILE: DecisionProfile = { floor: 0.25, lead: 0.08, sure: 0.7, minKeyCoverage: 0, minAskedCoverage: 0.3, requireAgreement: false };
const SAME_ENTRY_PROFILE: DecisionProfile = { ...FOLLOW_UP_PROFILE, lead: 0.02 };


function segment(tokens: readonly string[], folded: readonly string[], weight: number, max: number): QuerySegment {
  return { tokens: tokens.slice(0, max), folded: folded.slice(0, max), weight };
}

/** The query segments of a focused message: each asked clause, the story at a lower weight. */
function segmentsOf(focus: QuestionFocus, short: boolean, only?: number, storyWeightBase = NARRATIVE_WEIGHT): QuerySegment[] {
  const asked = focus.clauses.filter((c) => c.kind === 'question');
  if (short || asked.length === 0) {
    const tokens = focus.clauses.flatMap((c) => c.tokens);
    const folded = focus.clauses.flatMap((c) => c.folded);
    return [segment(tokens, folded, 1, MAX_ASKED_TOKENS + MAX_STORY_TOKENS)];
  }
  const chosen = only === undefined ? asked : [asked[only]!];
  const out: QuerySegment[] = [];
  let budget = MAX_ASKED_TOKENS;
  for (const c of chosen) {
    if (budget <= 0) break;
    out.push(segment(c.tokens, c.folded, 1, budget));
    budget -= c.tokens.length;
  }
  const story = focus.clauses.filter((c) => c.kind === 'narrative');
  const tokens = story.flatMap((c) => c.tokens);
  const folded = story.flatMap((c) => c.folded);
  if (tokens.length > 0) out.push(segment(tokens.slice(-MAX_STORY_TOKENS), folded.slice(-MAX_STORY_TOKENS), storyWeightBase, MAX_STORY_TOKENS));
  return out;
}

export function createRetriever(entries: readonly Doc[], options: RetrieverOptions = {}): Retriever {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const outOfScope = options.outOfScope ?? [];
  // Out-of-scope topics are indexed beside the entries so that a near miss finds its own kind first.
  const outOfScopeIds = new Set(outOfScope.map((t) => t.id));
  const reading = options.reading ?? VIETNAMESE_READING;
  const index = buildTermIndex([...entries, ...outOfScope], reading);
  const builder = createQueryBuilder(index, (options.anchors ?? []).map((a) => reading.normalize(a).folded), reading);
  const scorer = createScorer(index, options.scoring ?? reading.scoring ?? DEFAULT_SCORING);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const schemes = reading.schemes ? entrySchemes(entries) : new Map<string, number>();
  const topicOf = (id: string) => byId.get(id)?.topic;
  const decisions = new Map<string, Retrieval>();
  const cacheSize = options.decisionCache ?? DEFAULT_DECISION_CACHE;
  const story = options.storyWeight ?? NARRATIVE_WEIGHT;
  // A short message is one question as it stands; a long one (a letter) is decided with more caution.
  const isShort = (focus: QuestionFocus) => focus.length <= reading.lengths.short;
  const isLetter = (focus: QuestionFocus) => focus.length > reading.lengths.letter;
  const segments = (focus: QuestionFocus, only?: number) => segmentsOf(focus, isShort(focus), only, story);

  /** The best entries (out-of-scope topics left out) and the best match of all, topics included. */
  function rank(segments: readonly QuerySegment[], accented: boolean, limit: number, long: boolean, budget: RepairBudget): Ranked {
    const q = builder.build(segments, accented, budget);
    const all = scorer.score(q);
    if (reading.schemes) favourNamedScheme(all, schemesIn(segments.flatMap((s) => s.folded)), schemes);
    const inScope = (m: { id: string }) => !outOfScopeIds.has(m.id);
    const ranked = topMatches(all, limit, inScope);
    const [first] = q.anchored ? ranked : topMatches(all, 1, () => true);
    const agree = readingsAgree(all, inScope, ranked[0]?.id);
    return { ranked, first, outOfScope: first !== undefined && outOfScopeIds.has(first.id), agree, long };
  }

  function understand(raw: string, context: RetrievalContext | undefined, budget: RepairBudget): Retrieval {
    // The Vietnamese reading reads an English question through the glossary into the words it is indexed on.
    const text = reading.prepare(raw);
    const focus = reading.focus(text);
    if (focus.contentless) return { kind: 'none', nearest: [] };
    const accented = reading.normalize(text.slice(0, 4_000)).accented;
    const whole = decide(rank(segments(focus), accented, 5, isLetter(focus), budget), thresholds);
    const previous = context?.previousEntryId ? byId.get(context.previousEntryId) : undefined;
    // A complete new question (or one the bot does not answer at all) stands on its own; an elliptical one is
    // read with what was answered before, and must still be about something that entry's neighbours cover.
    const standsAlone = (whole.kind === 'answer' && whole.complete && !whole.narrow) || (whole.kind === 'none' && whole.outOfScope !== undefined);
    // So is a short message that on its own only finds entries to choose from ("đóng bao nhiêu phần trăm" after the
    // BHTN answer); one that finds nothing at all is not pulled towards the answer before.
    const elliptical = reading.elliptical(focus);
    const leans = elliptical || (focus.length <= LEANING_TOKENS && (whole.kind === 'clarify' || (whole.kind === 'answer' && whole.narrow === true)));
    if (previous && !standsAlone && leans) {
      const prev = reading.normalize(previous.questions[0] ?? '');
      const joinedSegments = [...segments(focus), { tokens: prev.tokens, folded: prev.folded, weight: PREVIOUS_WEIGHT }];
      const ranked = towardsPrevious(rank(joinedSegments, accented, 5, false, budget), { id: previous.id, topic: previous.topic, related: previous.related ?? [] }, topicOf);
      // The same entry with another slot ("còn nữ thì sao?") needs only a small lead: its answer covers the slot.
      // A question of its own ("vậy được nhận mấy tháng" after the monthly amount) may ask something else of
      // the same subject: the same entry again needs the lead any other would.
      const profile = elliptical && ranked.ranked[0]?.id === previous.id ? SAME_ENTRY_PROFILE : FOLLOW_UP_PROFILE;
      const joined = decide(ranked, { ...thresholds, short: profile }, 'score');
      if (joined.kind === 'answer') return { ...joined, followUp: true };
      // A narrow answer on its own that the answer before does not confirm is doubt: the choice is offered.
      if (joined.kind === 'clarify' && (whole.kind !== 'answer' || whole.narrow)) return joined;
    }
    if (whole.kind === 'none' && whole.outOfScope === undefined) return runOnChoice(focus, accented, budget) ?? whole;
    const asked = focus.clauses.filter((c) => c.kind === 'question').length;
    if (asked < 2 || isShort(focus)) return whole;
    return severalQuestions(focus, accented, whole, asked, budget);
  }

  /**
   * A letter typed without punctuation that found nothing as one run: cut into its questions, it may name
   * entries. Where the cut falls is a guess, so what it finds is offered as a choice, never answered.
   */
  function runOnChoice(focus: QuestionFocus, accented: boolean, budget: RepairBudget): Retrieval | null {
    const split = reading.runOns?.(focus);
    if (!split) return null;
    const r = decide(rank(segments(split), accented, 5, true, budget), thresholds);
    const found = r.kind === 'answer' ? [r.match, ...r.alternatives] : r.kind === 'clarify' ? r.candidates : [];
    const top = found[0];
    if (!top) return null;
    return { kind: 'clarify', candidates: found.filter((m) => m.score >= top.score - thresholds.clarifyWindow).slice(0, 3) };
  }

  /** Several questions: answer the clearest one and name the others ("Bạn cũng hỏi: …"). */
  function severalQuestions(focus: QuestionFocus, accented: boolean, whole: Retrieval, asked: number, budget: RepairBudget): Retrieval {
    type Answer = Extract<Retrieval, { kind: 'answer' }>;
    const isAnswer = (r: Retrieval): r is Answer => r.kind === 'answer';
    // The other questions are offered as buttons, not answered: a near tie may still name one.
    const offered = { ...thresholds, long: { ...thresholds.long, partial: undefined } };
    const answers: Answer[] = [];
    const named: Answer[] = [];
    for (let i = 0; i < Math.min(asked, 3); i++) {
      const ranked = rank(segments(focus, i), accented, 3, true, budget);
      const strict = decide(ranked, thresholds);
      if (isAnswer(strict)) answers.push(strict);
      const lenient = decide(ranked, offered);
      if (isAnswer(lenient)) named.push(lenient);
    }
    if (named.length === 0) return whole;
    // The whole letter decides what is answered; one clause alone may only settle a clarification between
    // entries the whole letter already named.
    let main: Answer | undefined = isAnswer(whole) ? whole : undefined;
    if (!main && whole.kind === 'clarify') main = answers.find((a) => whole.candidates.some((c) => c.id === a.match.id));
    if (!main) return whole;
    const also: Match[] = [];
    for (const a of named) {
      if (a.match.id !== main.match.id && !also.some((m) => m.id === a.match.id)) also.push(a.match);
    }
    return { ...main, also: also.slice(0, MAX_OTHER_QUESTIONS) };
  }

  return {
    size: entries.length,
    explain(text) {
      const focus = reading.focus(text);
      return rank(segments(focus), reading.normalize(text.slice(0, 4_000)).accented, 5, isLetter(focus), repairBudget());
    },
    search(text, limit = 5) {
      const focus = reading.focus(text);
      return rank(segments(focus), reading.normalize(text.slice(0, 4_000)).accented, limit, isLetter(focus), repairBudget()).ranked.map(({ id, score, question }) => ({ id, score, question }));
    },
    classify(text, context, budget) {
      // Citizens ask the same few questions over and over: recent decisions are kept (least recently used
      // dropped first). A new index (the knowledge changed) starts with an empty cache.
      const key = context?.previousEntryId ? `${context.previousEntryId}\u0000${text}` : text;
      const cached = decisions.get(key);
      if (cached) {
        decisions.delete(key);
        decisions.set(key, cached);
        return cached;
      }
      const decision = understand(text, context, budget ?? repairBudget());
      if (cacheSize === 0) return decision;
      if (decisions.size >= cacheSize) decisions.delete(decisions.keys().next().value!);
      decisions.set(key, decision);
      return decision;
    },
  };
}
