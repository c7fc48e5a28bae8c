/**
 * The Vietnamese-aware FAQ retriever. A message is first split into what it asks and the story around it
 * (text/question-focus.ts); entries are scored on folded syllables and syllable pairs weighted by rarity, the
 * asked part counting fully and the story less (query-terms.ts, scoring.ts). The decision (confidence.ts) is
 * answer, clarify or nothing; a message with several questions answers the clearest and names the others; an
 * elliptical follow-up ("còn nữ thì sao?") is read together with the entry answered just before.
 */
import { normalizeText } from '../text/normalize.js';
import { focusQuestion, isShortMessage, type QuestionFocus } from '../text/question-focus.js';
import { decide, DEFAULT_THRESHOLDS, type Match, type Ranked, type Retrieval, type RetrieverThresholds } from './confidence.js';
export type { Ranked } from './confidence.js';
import { looksElliptical } from './follow-up.js';
import { createQueryBuilder, type QuerySegment } from './query-terms.js';
import { createScorer, DEFAULT_SCORING, topMatches, type ScoringOptions } from './scoring.js';
import { buildTermIndex } from './term-index.js';

export { DEFAULT_THRESHOLDS, type Match, type Retrieval, type RetrieverThresholds } from './confidence.js';
export { DEFAULT_SCORING, type ScoringOptions } from './scoring.js';

export interface RetrievalContext {
  /** The entry answered just before in this conversation, for follow-ups. */
  previousEntryId?: string;
}

export interface Retriever {
  /** Entries ranked by score, best first. */
  search(text: string, limit?: number): Match[];
  /** The decision: answer, clarify with candidates, or nothing. */
  classify(text: string, context?: RetrievalContext): Retrieval;
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
}

type Doc = { id: string; questions: readonly string[] };

const DEFAULT_DECISION_CACHE = 5_000;
/** The story around the questions counts this much; more when the questions themselves say little. */
const NARRATIVE_WEIGHT = 0.35;
const NARRATIVE_WEIGHT_VAGUE = 0.7;
/** Asked clauses with fewer content syllables than this are vague ("vậy em có được hưởng không ạ"). */
const VAGUE_QUESTION_SYLLABLES = 4;
/** Syllables read from a message: the asked part, then the story. Anything beyond is not read. */
const MAX_ASKED_TOKENS = 90;
const MAX_STORY_TOKENS = 120;
/** The entry answered before counts this much in a follow-up. */
const PREVIOUS_WEIGHT = 0.6;
const MAX_OTHER_QUESTIONS = 2;
/** A follow-up's own words must be covered this much by the entry it is read as (not only the entry before). */
const FOLLOW_UP_MIN_ASKED = 0.3;

const CONTENT_FILLERS = new Set(
  'cho toi em anh chi minh ban hoi xin a ah nhe nha vay ha oi ad thi ma cua va nhung cac rat da dang se roi duoc khong co nao gi la neu khi nhu the voi o de lam ve nay bay gio gio con'.split(' '),
);

function segment(tokens: readonly string[], folded: readonly string[], weight: number, max: number): QuerySegment {
  return { tokens: tokens.slice(0, max), folded: folded.slice(0, max), weight };
}

/** The query segments of a focused message: each asked clause, the story at a lower weight. */
function segmentsOf(focus: QuestionFocus, only?: number, storyWeightBase = NARRATIVE_WEIGHT): QuerySegment[] {
  const asked = focus.clauses.filter((c) => c.kind === 'question');
  if (isShortMessage(focus) || asked.length === 0) {
    const tokens = focus.clauses.flatMap((c) => c.tokens);
    const folded = focus.clauses.flatMap((c) => c.folded);
    return [segment(tokens, folded, 1, MAX_ASKED_TOKENS + MAX_STORY_TOKENS)];
  }
  const chosen = only === undefined ? asked : [asked[only]!];
  const content = chosen.reduce((n, c) => n + c.folded.filter((w) => !CONTENT_FILLERS.has(w)).length, 0);
  const storyWeight = content < VAGUE_QUESTION_SYLLABLES ? Math.max(storyWeightBase, NARRATIVE_WEIGHT_VAGUE) : storyWeightBase;
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
  if (tokens.length > 0) out.push(segment(tokens.slice(-MAX_STORY_TOKENS), folded.slice(-MAX_STORY_TOKENS), storyWeight, MAX_STORY_TOKENS));
  return out;
}

export function createRetriever(entries: readonly Doc[], options: RetrieverOptions = {}): Retriever {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const outOfScope = options.outOfScope ?? [];
  // Out-of-scope topics are indexed beside the entries so that a near miss finds its own kind first.
  const outOfScopeIds = new Set(outOfScope.map((t) => t.id));
  const index = buildTermIndex([...entries, ...outOfScope]);
  const builder = createQueryBuilder(index, (options.anchors ?? []).map((a) => normalizeText(a).folded));
  const scorer = createScorer(index, options.scoring ?? DEFAULT_SCORING);
  const canonical = new Map(entries.map((e) => [e.id, e.questions[0] ?? '']));
  const decisions = new Map<string, Retrieval>();
  const cacheSize = options.decisionCache ?? DEFAULT_DECISION_CACHE;
  const story = options.storyWeight ?? NARRATIVE_WEIGHT;

  /** The best entries (out-of-scope topics left out) and the best match of all, topics included. */
  function rank(segments: readonly QuerySegment[], accented: boolean, limit: number): Ranked {
    const q = builder.build(segments, accented);
    const all = scorer.score(q);
    const ranked = topMatches(all, limit, (m) => !outOfScopeIds.has(m.id));
    const [first] = q.anchored ? ranked : topMatches(all, 1, () => true);
    return { ranked, first, outOfScope: first !== undefined && outOfScopeIds.has(first.id) };
  }

  function understand(text: string, context: RetrievalContext | undefined): Retrieval {
    const focus = focusQuestion(text);
    if (focus.contentless) return { kind: 'none', nearest: [] };
    const accented = normalizeText(text.slice(0, 4_000)).accented;
    const whole = decide(rank(segmentsOf(focus, undefined, story), accented, 5), thresholds);
    const previous = context?.previousEntryId ? canonical.get(context.previousEntryId) : undefined;
    // A complete new question (or one the bot does not answer at all) stands on its own; an elliptical one is
    // read with what was answered before, and must still be about something that entry's neighbours cover.
    const standsAlone = (whole.kind === 'answer' && whole.complete) || (whole.kind === 'none' && whole.outOfScope !== undefined);
    if (previous && !standsAlone && looksElliptical(focus)) {
      const prev = normalizeText(previous);
      const segments = [...segmentsOf(focus, undefined, story), { tokens: prev.tokens, folded: prev.folded, weight: PREVIOUS_WEIGHT }];
      const joined = decide(rank(segments, accented, 5), { ...thresholds, minAskedCoverage: Math.max(thresholds.minAskedCoverage, FOLLOW_UP_MIN_ASKED) });
      if (joined.kind === 'answer') return { ...joined, followUp: true };
      if (joined.kind === 'clarify' && whole.kind !== 'answer') return joined;
    }
    const asked = focus.clauses.filter((c) => c.kind === 'question').length;
    if (asked < 2 || isShortMessage(focus)) return whole;
    return severalQuestions(focus, accented, whole, asked);
  }

  /** Several questions: answer the clearest one and name the others ("Bạn cũng hỏi: …"). */
  function severalQuestions(focus: QuestionFocus, accented: boolean, whole: Retrieval, asked: number): Retrieval {
    const each: Retrieval[] = [];
    for (let i = 0; i < Math.min(asked, 3); i++) each.push(decide(rank(segmentsOf(focus, i, story), accented, 3), thresholds));
    const answers = each.filter((r): r is Extract<Retrieval, { kind: 'answer' }> => r.kind === 'answer');
    if (answers.length === 0) return whole;
    const main = whole.kind === 'answer' ? whole : answers.reduce((a, b) => (b.match.score > a.match.score ? b : a));
    const also: Match[] = [];
    for (const a of answers) {
      if (a.match.id !== main.match.id && !also.some((m) => m.id === a.match.id)) also.push(a.match);
    }
    return { ...main, also: also.slice(0, MAX_OTHER_QUESTIONS) };
  }

  return {
    size: entries.length,
    explain(text) {
      const focus = focusQuestion(text);
      return rank(segmentsOf(focus, undefined, story), normalizeText(text.slice(0, 4_000)).accented, 5);
    },
    search(text, limit = 5) {
      const focus = focusQuestion(text);
      return rank(segmentsOf(focus, undefined, story), normalizeText(text.slice(0, 4_000)).accented, limit).ranked.map(({ id, score, question }) => ({ id, score, question }));
    },
    classify(text, context) {
      // Citizens ask the same few questions over and over: recent decisions are kept (least recently used
      // dropped first). A new index (the knowledge changed) starts with an empty cache.
      const key = context?.previousEntryId ? `${context.previousEntryId}\u0000${text}` : text;
      const cached = decisions.get(key);
      if (cached) {
        decisions.delete(key);
        decisions.set(key, cached);
        return cached;
      }
      const decision = understand(text, context);
      if (cacheSize === 0) return decision;
      if (decisions.size >= cacheSize) decisions.delete(decisions.keys().next().value!);
      decisions.set(key, decision);
      return decision;
    },
  };
}
