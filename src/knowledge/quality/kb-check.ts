/**
 * Content checks for the knowledge base beyond the schema: phrasings that the retriever resolves to another
 * entry (pairs it will confuse), missing sources, stale reviews, answers too long for a phone screen, English
 * answers whose figures differ from the Vietnamese ones.
 */
import type { KnowledgeEntry, OutOfScopeTopic } from '../schema.js';
import { englishRetriever } from '../faq-index.js';
import { createRetriever, type Retriever } from '../retriever.js';
import { DAY_MS, vietnamDay } from '../../core/vietnam-calendar.js';
import { englishProblems } from './english-check.js';

export interface KbProblem {
  kind: 'collision' | 'no-source' | 'stale' | 'too-long' | 'few-phrasings' | 'english';
  entryId: string;
  detail: string;
}

export const MAX_ANSWER_CHARS = 700;
/** Each entry is asked at least this many ways, so that the retriever knows how people put it. */
export const MIN_PHRASINGS = 4;
export const STALE_AFTER_DAYS = 365;

export function checkKnowledge(
  entries: readonly KnowledgeEntry[],
  /** The instant of the check; ages are counted in Vietnamese calendar days. */
  now: number,
  outOfScope: readonly OutOfScopeTopic[] = [],
  anchors: readonly string[] = [],
  anchorsEn: readonly string[] = [],
): KbProblem[] {
  const problems: KbProblem[] = [];
  const retriever = createRetriever(entries, { outOfScope, anchors });
  const english = englishRetriever(entries, outOfScope, anchorsEn);
  for (const e of entries) {
    if (!e.source_url || !e.legal_basis) problems.push({ kind: 'no-source', entryId: e.id, detail: 'missing source_url or legal_basis' });
    const ageDays = (Date.parse(vietnamDay(now)) - Date.parse(e.reviewed)) / DAY_MS;
    if (ageDays > STALE_AFTER_DAYS) problems.push({ kind: 'stale', entryId: e.id, detail: `reviewed ${e.reviewed}, ${Math.floor(ageDays)} days ago` });
    if (e.questions.length < MIN_PHRASINGS) problems.push({ kind: 'few-phrasings', entryId: e.id, detail: `${e.questions.length} phrasings (at least ${MIN_PHRASINGS})` });
    if (e.answer.length > MAX_ANSWER_CHARS) problems.push({ kind: 'too-long', entryId: e.id, detail: `answer has ${e.answer.length} characters (max ${MAX_ANSWER_CHARS})` });
    for (const q of e.questions) collisions(retriever, e.id, q, problems);
    if (english) for (const q of e.questions_en ?? []) collisions(english, e.id, q, problems);
  }
  for (const p of englishProblems(entries)) problems.push({ kind: 'english', entryId: p.entryId, detail: p.detail });
  return problems;
}

/** A phrasing the retriever resolves to another entry, to an out-of-scope topic, or to a tie. */
function collisions(retriever: Retriever, entryId: string, q: string, problems: KbProblem[]): void {
  const decision = retriever.classify(q);
  if (decision.kind === 'none' && decision.outOfScope) {
    problems.push({ kind: 'collision', entryId, detail: `"${q}" is taken for out-of-scope topic ${decision.outOfScope}` });
    return;
  }
  const [top, second] = retriever.search(q, 2);
  if (top && top.id !== entryId) {
    problems.push({ kind: 'collision', entryId, detail: `"${q}" is matched to ${top.id} (${top.score.toFixed(2)}) via "${top.question}"` });
  } else if (top && second && top.score - second.score < 0.02) {
    problems.push({ kind: 'collision', entryId, detail: `"${q}" ties with ${second.id} (${top.score.toFixed(2)} vs ${second.score.toFixed(2)}) via "${second.question}"` });
  }
}
