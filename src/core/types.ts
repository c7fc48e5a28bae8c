/**
 * The channel-neutral vocabulary of the bot: what comes in, what goes out, what happened, and the ports the
 * core needs from the outside world. Nothing here knows about Telegram, Zalo, HTTP, SQL or i18next.
 */

export type Channel = 'web' | 'console' | 'telegram' | 'zalo';
export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** One message from a user, after the channel adapter has translated it. */
export interface InboundMessage {
  channel: Channel;
  /** Opaque key (an HMAC of channel:platformId), never the raw platform id. */
  userKey: string;
  /** What the user typed, if anything. */
  text?: string;
  /** The payload of a button the user pressed, if any. */
  payload?: string;
  /**
   * Answer without storing anything for a person the bot does not know yet (no conversation state, nothing
   * queued for staff): set by a channel for a flood of new conversations from one address.
   */
  stateless?: boolean;
}

export interface Button {
  label: string;
  payload: string;
}

export interface Reply {
  text: string;
  buttons?: Button[];
  /** "Đúng ý tôi" / "Chưa đúng" under an answer: small buttons where the channel has them, a typed "0" elsewhere. */
  feedback?: Button[];
}

/** What the core decided, for the caller and for the engagement counters. */
export type Outcome =
  | { kind: 'answer'; entryId: string; score: number }
  | { kind: 'clarify'; candidates: string[]; score: number }
  | { kind: 'flow'; flowId: string; stepId: string }
  | { kind: 'fallback'; score: number }
  | { kind: 'command'; command: string };

export interface BotResponse {
  replies: Reply[];
  outcome: Outcome;
}

/** Per-user conversation state, stored as versioned JSON. */
export interface ConversationState {
  version: 1;
  lang: Language;
  /** Day (YYYY-MM-DD) of the last message, to count conversations per day without storing who. */
  lastDay?: string;
  /** ms since epoch of the last message. */
  lastActiveAt?: number;
  /** The active scripted flow, if any (flows plug in through FlowHandler). */
  flow?: FlowState | null;
  /** The audience group the user chose, if any. */
  audience?: string;
  /** The buttons last offered, so that a typed number or the option's words can choose one (Zalo has no buttons). */
  offered?: Button[];
  /** The entry answered last, for an elliptical follow-up ("còn nữ thì sao?"); never the user's own words. */
  lastAnswer?: LastAnswer;
  /** The last question answered or clarified, redacted, until the person says whether the answer was right. */
  asked?: AskedQuestion;
  /** The person pressed "Trả lời cán bộ": their next message goes to this staff request. */
  answeringStaff?: { requestId: number; at: number };
}

/** What "Chưa đúng" sends to staff: the question (redacted as for the queue), what the bot gave, its score. */
export interface AskedQuestion {
  text: string;
  folded: string;
  /** The entry answered (or chosen from a clarification); absent while a clarification is open. */
  entryId?: string;
  /** The entries a clarification offered. */
  candidates?: string[];
  score: number;
  at: number;
}

/** The entry last answered and when; a follow-up is read against it for a few minutes and turns only. */
export interface LastAnswer {
  entryId: string;
  at: number;
  /** Turns since that answer (0 on the turn after it). */
  turns: number;
}

/** Where a user is in a scripted flow. */
export interface FlowState {
  flowId: string;
  version: number;
  stepId: string;
  vars: Record<string, unknown>;
  /** Failed answers to the current step. */
  attempts: number;
  /** Earlier question steps, for "quay lại". */
  history: string[];
}

export const STATE_VERSION = 1;

/** A retrieval score as it is shown and stored: three decimals. */
export const roundScore = (score: number) => Math.round(score * 1000) / 1000;

export interface SessionStore {
  get(userKey: string): ConversationState | undefined;
  set(userKey: string, state: ConversationState): void;
  delete(userKey: string): void;
}

/** One anonymous engagement event: counted per day, channel, metric and key. No user identifier. */
export interface MetricEvent {
  day: string;
  channel: Channel;
  metric: string;
  key: string;
}

export interface MetricsSink {
  record(events: readonly MetricEvent[]): void;
}

export interface UnansweredQuestion {
  /** Already redacted. */
  text: string;
  /** Folded canonical form of the redacted text, for grouping. */
  folded: string;
  channel: Channel;
  /** Who asked (opaque), so that "xóa dữ liệu" erases it and one person's questions a day are capped. */
  userKey: string;
  at: number;
  nearest: { id: string; score: number }[];
  /** fallback: not answered; misroute: the person said the answer was not right; sampled: a doubtful answer picked for review. */
  kind?: QueueKind;
  /** The entry the bot answered with (misroutes and samples). */
  given?: string;
}

export type QueueKind = 'fallback' | 'misroute' | 'sampled';
export const QUEUE_KINDS: readonly QueueKind[] = ['fallback', 'misroute', 'sampled'];

export interface UnansweredQueue {
  /** False when it was not queued: that person, or everyone together, reached the day's cap. */
  add(question: UnansweredQuestion): boolean;
}

/** Translations, handed to the core as a function so that the core never imports i18next. */
export type Translator = (lang: Language, key: string, vars?: Record<string, string | number>) => string;

export interface Clock {
  now(): number;
}
