/**
 * The knowledge base as the core sees it: entries by id and topic, and the retriever's decision. Two
 * retrievers: one on the Vietnamese phrasings, one on the English phrasings; a message written in English is
 * read by the English one (and by the Vietnamese one through the glossary when the English one finds nothing).
 */
import type { FaqEntry, FaqIndex } from '../core/faq.js';
import { looksEnglish } from '../text/english-glossary.js';
import { repairBudget } from './query-terms.js';
import { ENGLISH_READING } from './reading.js';
import { createRetriever, DEFAULT_THRESHOLDS, ENGLISH_THRESHOLDS, type Retriever, type RetrieverThresholds } from './retriever.js';
import { TOPICS, type KnowledgeEntry, type OutOfScopeTopic } from './schema.js';

export function toFaqEntry(e: KnowledgeEntry): FaqEntry {
  return {
    id: e.id,
    topic: e.topic,
    question: e.questions[0]!,
    answer: e.answer,
    ...(e.answer_en ? { answerEn: e.answer_en } : {}),
    legalBasis: e.legal_basis,
    sourceUrl: e.source_url,
    reviewed: e.reviewed,
    related: e.related ?? [],
    ...(e.flow ? { flow: e.flow } : {}),
  };
}

/** What else the knowledge folder says: out-of-scope topics and the words that mark a question as in scope. */
export interface KnowledgeScope {
  outOfScope?: readonly OutOfScopeTopic[];
  anchors?: readonly string[];
  anchorsEn?: readonly string[];
}

export function createFaqIndex(
  entries: readonly KnowledgeEntry[],
  scope: KnowledgeScope = {},
  thresholds: RetrieverThresholds = DEFAULT_THRESHOLDS,
  englishThresholds: RetrieverThresholds = ENGLISH_THRESHOLDS,
): FaqIndex {
  const { outOfScope = [], anchors = [], anchorsEn = [] } = scope;
  const retriever = createRetriever(entries, { thresholds, outOfScope, anchors });
  const english = englishRetriever(entries, outOfScope, anchorsEn, englishThresholds);
  const readerOf = (text: string) => (english && looksEnglish(text) ? english : retriever);
  const byId = new Map(entries.map((e) => [e.id, toFaqEntry(e)]));
  const byTopic = new Map<string, FaqEntry[]>();
  for (const e of byId.values()) {
    const list = byTopic.get(e.topic) ?? [];
    list.push(e);
    byTopic.set(e.topic, list);
  }
  const topics = TOPICS.filter((t) => byTopic.has(t));
  return {
    classify: (text, context) => {
      const reader = readerOf(text);
      // One repair budget for both readings: a message costs at most one message's worth of typo repairs.
      const budget = repairBudget();
      const decision = reader.classify(text, context, budget);
      if (reader === retriever || decision.kind !== 'none' || decision.outOfScope !== undefined || !shortEnough(text)) return decision;
      // A short English question none of the English phrasings covers may still be read through the glossary,
      // whose reading is rougher: what it finds is offered to choose from, never answered outright. (A long
      // message gets one reading: the second would double what the longest messages cost.)
      const second = retriever.classify(text, context, budget);
      return second.kind === 'answer' ? { kind: 'clarify', candidates: [second.match, ...second.alternatives] } : second;
    },
    nearest: (text, limit) => readerOf(text).search(text, limit).map((m) => ({ id: m.id, score: m.score })),
    entry: (id) => byId.get(id),
    topicEntries: (topic) => byTopic.get(topic) ?? [],
    topics: () => [...topics],
  };
}

/** Words in a message short enough for the glossary's second reading. */
const SECOND_READING_WORDS = 30;
const shortEnough = (text: string) => text.length <= 400 && (text.match(/\S+/g)?.length ?? 0) <= SECOND_READING_WORDS;

/** The retriever on the English phrasings, or none when no entry has any. */
export function englishRetriever(entries: readonly KnowledgeEntry[], outOfScope: readonly OutOfScopeTopic[], anchors: readonly string[], thresholds: RetrieverThresholds = ENGLISH_THRESHOLDS): Retriever | undefined {
  const docs = entries.filter((e) => (e.questions_en?.length ?? 0) > 0).map((e) => ({ id: e.id, topic: e.topic, related: e.related ?? [], questions: e.questions_en! }));
  if (docs.length === 0) return undefined;
  const topics = outOfScope.filter((t) => (t.questions_en?.length ?? 0) > 0).map((t) => ({ id: t.id, questions: t.questions_en! }));
  return createRetriever(docs, { thresholds, outOfScope: topics, anchors, reading: ENGLISH_READING });
}
