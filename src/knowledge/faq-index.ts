/**
 * The knowledge base as the core sees it: entries by id and topic, and the retriever's decision.
 */
import type { FaqEntry, FaqIndex } from '../core/faq.js';
import { createRetriever, DEFAULT_THRESHOLDS, type RetrieverThresholds } from './retriever.js';
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

export function createFaqIndex(
  entries: readonly KnowledgeEntry[],
  outOfScope: readonly OutOfScopeTopic[] = [],
  anchors: readonly string[] = [],
  thresholds: RetrieverThresholds = DEFAULT_THRESHOLDS,
): FaqIndex {
  const retriever = createRetriever(entries, { thresholds, outOfScope, anchors });
  const byId = new Map(entries.map((e) => [e.id, toFaqEntry(e)]));
  const byTopic = new Map<string, FaqEntry[]>();
  for (const e of byId.values()) {
    const list = byTopic.get(e.topic) ?? [];
    list.push(e);
    byTopic.set(e.topic, list);
  }
  const topics = TOPICS.filter((t) => byTopic.has(t));
  return {
    classify: (text, context) => retriever.classify(text, context),
    nearest: (text, limit) => retriever.search(text, limit).map((m) => ({ id: m.id, score: m.score })),
    entry: (id) => byId.get(id),
    topicEntries: (topic) => byTopic.get(topic) ?? [],
    topics: () => [...topics],
  };
}
