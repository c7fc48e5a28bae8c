/**
 * The FAQ port: what the core needs from the knowledge base. Implemented in src/knowledge; the core never sees
 * how matching is done.
 */

export interface FaqEntry {
  id: string;
  topic: string;
  /** The first (canonical) question phrasing, used as a button label. */
  question: string;
  answer: string;
  answerEn?: string;
  legalBasis: string;
  sourceUrl: string;
  /** The day someone last checked the answer against its source (YYYY-MM-DD). */
  reviewed: string;
  related: string[];
  /** A flow offered under the answer. */
  flow?: string;
}

export interface FaqMatch {
  id: string;
  score: number;
  question: string;
}

export type FaqRetrieval =
  | {
      kind: 'answer';
      match: FaqMatch;
      alternatives: FaqMatch[];
      /** Entries answering the message's other questions. */
      also?: FaqMatch[];
      /** Read as a follow-up of the entry answered before. */
      followUp?: boolean;
      /** The answer covers the question on its own (false: only in part, a doubtful answer). */
      complete?: boolean;
      /** Answered on a narrow lead over the runner-up (a doubtful answer too). */
      narrow?: boolean;
    }
  | { kind: 'clarify'; candidates: FaqMatch[] }
  | { kind: 'none'; nearest: FaqMatch[] };

/** What the conversation adds to a question: the entry answered just before, for follow-ups. */
export interface FaqContext {
  previousEntryId?: string;
}

export interface FaqIndex {
  classify(text: string, context?: FaqContext): FaqRetrieval;
  /** The entries nearest to a text with their scores, best first (for staff reviewing a question). */
  nearest(text: string, limit: number): { id: string; score: number }[];
  entry(id: string): FaqEntry | undefined;
  /** Entries of a topic, in file order. */
  topicEntries(topic: string): FaqEntry[];
  /** Topics that have at least one entry, in display order. */
  topics(): string[];
}
