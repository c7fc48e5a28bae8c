/**
 * The one router every channel goes through. In order: button payloads and typed commands or escape words,
 * the step of an active flow, FAQ lookup, clarification, fallback. Returns replies and a tagged outcome, and
 * records anonymous engagement counts. Imports no channel, SQL, HTTP framework or i18next.
 */
import { normalizeText } from '../text/normalize.js';
import { recogniseCommand } from './commands.js';
import { agedLastAnswer, createFaqTurn, replyLanguage } from './faq-turn.js';
import { handleFeedback, NOT_RIGHT_TYPED } from './feedback.js';
import { fileAnswer, openAnswer, startAnswer, type AnswerStaff } from './staff-answer.js';
import { recogniseSmallTalk, type SmallTalk } from './small-talk.js';
import { resolveOffered } from './offered-choice.js';
import type { FaqIndex } from './faq.js';
import { runCommand } from './command-replies.js';
import { decodePayload, encodePayload, type Action, type Command } from './payload-codec.js';
import { createReplyKit, type FlowLinks } from './replies.js';
import { vietnamDay } from './vietnam-calendar.js';
import {
  STATE_VERSION,
  type BotResponse,
  type Channel,
  type Clock,
  type ConversationState,
  type InboundMessage,
  type Language,
  type MetricEvent,
  type MetricsSink,
  type Reply,
  type SessionStore,
  type Translator,
  type UnansweredQueue,
} from './types.js';

/** What the flow seam did with a message: answered it, or passed it on (possibly with a notice). */
export type FlowTurn =
  | { kind: 'handled'; response: BotResponse; state: ConversationState; events: { metric: string; key: string }[] }
  | { kind: 'pass'; state: ConversationState; notice?: string };

/** The seam where scripted flows plug in. */
export interface FlowHandler {
  has(flowId: string): boolean;
  start(input: { flowId: string; state: ConversationState; lang: Language; channel: Channel; vars?: Record<string, unknown> }): FlowTurn;
  handle(input: { message: InboundMessage; action: Action | null; state: ConversationState; lang: Language; now: number }): FlowTurn;
}

export interface RouterDeps {
  faq: () => FaqIndex;
  sessions: SessionStore;
  metrics: MetricsSink;
  unanswered: UnansweredQueue;
  t: Translator;
  clock: Clock;
  defaultLanguage: Language;
  flows?: FlowHandler;
  flowLinks?: FlowLinks;
  /** "xóa dữ liệu": erases what the person left outside their conversation (the staff queues). */
  forgetPerson?: (userKey: string) => void;
  /** Share of doubtful answers sampled into the review queue (default 0). */
  sampleRate?: number;
  /** A citizen's answer to a staff reply, filed into that request. */
  answerStaff?: AnswerStaff;
}

export interface Router {
  handle(message: InboundMessage): BotResponse;
}

const MAX_OFFERED = 12;
/** A greeting within this time of the last message is small talk, not a new welcome. */
const SAME_CONVERSATION_MS = 30 * 60_000;

/** True when the state holds nothing but what any newcomer gets: the default language and the menu offered. */
export function isNewcomerState(state: ConversationState, defaultLanguage: Language, menu: readonly string[]): boolean {
  const offered = state.offered ?? [];
  return (
    state.lang === defaultLanguage &&
    !state.flow &&
    state.audience === undefined &&
    state.lastAnswer === undefined &&
    (offered.length === 0 || (offered.length === menu.length && offered.every((b, i) => b.payload === menu[i])))
  );
}

export function createRouter(deps: RouterDeps): Router {
  const { t, sessions } = deps;
  const kit = createReplyKit(deps.faq, t, deps.flowLinks);
  const menuPayloads = (lang: Language) => (kit.menu(lang, '').buttons ?? []).map((b) => b.payload);
  const faqTurn = createFaqTurn({ faq: deps.faq, kit, unanswered: deps.unanswered, sampleRate: deps.sampleRate });
  const feedbackDeps = { t, unanswered: deps.unanswered, afterNotRight: kit.afterNotRight, menuButton: kit.menuButton };

  function handle(message: InboundMessage): BotResponse {
    const now = deps.clock.now();
    const day = vietnamDay(now);
    const stored = sessions.get(message.userKey);
    const firstContact = stored === undefined;
    let state: ConversationState = stored && stored.version === STATE_VERSION ? stored : { version: STATE_VERSION, lang: deps.defaultLanguage };
    const lastAnswer = agedLastAnswer(state.lastAnswer, now);
    if (lastAnswer !== state.lastAnswer) {
      const { lastAnswer: _old, ...rest } = state;
      state = lastAnswer ? { ...rest, lastAnswer } : rest;
    }
    const events: MetricEvent[] = [];
    const count = (metric: string, key: string) => events.push({ day, channel: message.channel, metric, key });
    if (state.lastDay !== day) count('conversation', 'started');

    const result = decide(message, state, firstContact, now);
    for (const e of result.events ?? []) count(e.metric, e.key);
    let response = result.response;
    if (result.notice) response = { ...response, replies: [{ text: result.notice }, ...response.replies] };
    if (firstContact && result.state && response.outcome.kind !== 'command' && !result.welcomed) {
      // In the language of the first message when it is English (the answer follows it too).
      const lang = replyLanguage(state.lang, message.text);
      response = { ...response, replies: [{ text: t(lang, 'welcome.notice') }, ...response.replies] };
    }
    count('message', result.smallTalk ? 'smalltalk' : response.outcome.kind);
    const o = response.outcome;
    if (o.kind === 'answer') {
      count('entry', o.entryId);
      const topic = deps.faq().entry(o.entryId)?.topic;
      if (topic) count('topic', topic);
    } else if (o.kind === 'command') {
      count('command', o.command);
    }
    if (result.state) {
      const offered = response.replies.flatMap((r) => r.buttons ?? []).slice(0, MAX_OFFERED);
      state = { ...result.state, lastDay: day, lastActiveAt: now, offered };
      // A newcomer whose state is still what every newcomer gets (the menu offered, nothing else), or who
      // comes in a flood (stateless), costs no row: nothing of theirs is stored.
      if (!(firstContact && (message.stateless || isNewcomerState(state, deps.defaultLanguage, menuPayloads(state.lang))))) sessions.set(message.userKey, state);
    } else {
      sessions.delete(message.userKey);
      deps.forgetPerson?.(message.userKey);
    }
    deps.metrics.record(events);
    return response;
  }

  type Decision = {
    response: BotResponse;
    state: ConversationState | null;
    events?: { metric: string; key: string }[];
    notice?: string;
    /** The welcome flow already told a first-time user who the bot is. */
    welcomed?: boolean;
    /** Thanks, ok, "bot ơi"…: counted as its own outcome. */
    smallTalk?: boolean;
  };

  const smallTalkDecision = (kind: SmallTalk, state: ConversationState): Decision => {
    const lang = state.lang;
    const reply: Reply = { text: t(lang, `smallTalk.${kind}`), buttons: [kit.menuButton(lang)] };
    return { response: { replies: [reply], outcome: { kind: 'command', command: 'smalltalk' } }, state, smallTalk: true };
  };

  const commandDecision = (command: Command, state: ConversationState, firstContact: boolean, channel: Channel, now: number): Decision => {
    // A greeting in the middle of a conversation is answered in a line; a new conversation gets the welcome.
    if (command === 'greeting' && !firstContact && state.lastActiveAt !== undefined && now - state.lastActiveAt < SAME_CONVERSATION_MS) {
      return smallTalkDecision('greeting', state);
    }
    if (command === 'thanks') return smallTalkDecision('thanks', state);
    // A greeting or /start opens the welcome flow when there is one ("Bạn là…").
    if ((command === 'start' || command === 'greeting') && deps.flows?.has('welcome')) {
      const turn = deps.flows.start({ flowId: 'welcome', state, lang: state.lang, channel, vars: { returning: firstContact ? 'no' : 'yes' } });
      if (turn.kind === 'handled') return { ...turn, welcomed: true };
    }
    const r = runCommand(command, state, firstContact, kit, t);
    return { response: { replies: r.replies, outcome: { kind: 'command', command } }, state: r.state };
  };

  const expired = (state: ConversationState): Decision => ({
    response: { replies: [kit.menu(state.lang, t(state.lang, 'payload.expired'))], outcome: { kind: 'command', command: 'expired' } },
    state,
  });

  function decide(message: InboundMessage, state: ConversationState, firstContact: boolean, now: number): Decision {
    // A typed "2" or the words of an offered button choose that button (channels without buttons rely on it).
    // A typed "0" right after an answer: "not right" (Zalo and the terminal show it as a hint, having no buttons).
    if (message.payload === undefined && message.text !== undefined && state.asked?.entryId && !state.flow && NOT_RIGHT_TYPED.test(message.text)) {
      const payload = encodePayload({ type: 'feedback', verdict: 'bad', entryId: state.asked.entryId });
      message = { channel: message.channel, userKey: message.userKey, payload, ...(message.stateless ? { stateless: true } : {}) };
    }
    if (message.payload === undefined && message.text !== undefined) {
      // Nobody stored: what a newcomer was offered is the menu (a newcomer's state is not kept), by number.
      const menuByNumber = firstContact && /^\s*\d{1,2}\s*[.)]?\s*$/.test(message.text) ? (kit.menu(state.lang, '').buttons ?? []) : [];
      const chosen = resolveOffered(message.text, state.offered ?? menuByNumber);
      if (chosen) {
        const { text: _typed, ...rest } = message;
        message = { ...rest, payload: chosen };
      }
    }
    const action = message.payload !== undefined ? decodePayload(message.payload) : null;
    if (message.payload !== undefined && !action && !message.text) return expired(state);
    if (action?.type === 'feedback') {
      const f = handleFeedback(feedbackDeps, action, state, message.channel, firstContact && message.stateless ? null : message.userKey, now);
      return { response: { replies: [{ text: f.text, buttons: f.buttons }], outcome: { kind: 'command', command: 'feedback' } }, state: f.state, events: f.event ? [f.event] : [] };
    }
    if (action && action.type !== 'flow' && action.type !== 'flow-start') return handleAction(action, state, firstContact, message.channel, now);
    const text = message.text ?? '';
    const normalized = normalizeText(text);
    const recognised = action ? null : recogniseCommand(text, normalized.folded);
    if (recognised?.type === 'lang') return handleAction({ type: 'lang', lang: recognised.lang }, state, firstContact, message.channel, now);
    if (recognised?.type === 'command') return commandDecision(recognised.command, state, firstContact, message.channel, now);
    const answering = action || firstContact ? undefined : openAnswer(state, now);
    if (answering && normalized.tokens.length > 0) {
      const r = fileAnswer(t, deps.answerStaff, state, answering.requestId, message.userKey, text, now, kit.menuButton(state.lang));
      return { response: { replies: [r.reply], outcome: { kind: 'command', command: 'answer-staff' } }, state: r.state };
    }
    let notice: string | undefined;
    if (deps.flows) {
      const turn = deps.flows.handle({ message, action, state, lang: state.lang, now });
      if (turn.kind === 'handled') return turn;
      state = turn.state;
      notice = turn.notice;
    }
    if (action) return { ...expired(state), ...(notice ? { notice } : {}) };
    const small = recogniseSmallTalk(text, normalized.folded);
    if (small) return { ...smallTalkDecision(small, state), ...(notice ? { notice } : {}) };
    if (normalized.tokens.length === 0) {
      return { response: { replies: [kit.menu(state.lang, t(state.lang, 'empty.text'))], outcome: { kind: 'command', command: 'empty' } }, state, ...(notice ? { notice } : {}) };
    }
    return { ...faqTurn(message.channel, firstContact && message.stateless ? null : message.userKey, text, state, now), ...(notice ? { notice } : {}) };
  }

  function handleAction(action: Action, state: ConversationState, firstContact: boolean, channel: Channel, now: number): Decision {
    const lang = state.lang;
    switch (action.type) {
      case 'command':
        return commandDecision(action.command, state, firstContact, channel, now);
      case 'lang': {
        const next = { ...state, lang: action.lang };
        const key = firstContact ? 'welcome.first' : state.lang === action.lang ? 'welcome.again' : 'language.switched';
        return { response: { replies: [kit.menu(action.lang, t(action.lang, key))], outcome: { kind: 'command', command: 'language' } }, state: next, welcomed: firstContact };
      }
      case 'topic': {
        const reply = action.topic === 'more' ? kit.moreTopics(lang) : kit.topic(lang, action.topic);
        if (!reply) return expired(state);
        return { response: { replies: [reply], outcome: { kind: 'command', command: 'topic' } }, state };
      }
      case 'faq': {
        const entry = deps.faq().entry(action.entryId);
        if (!entry) return expired(state);
        // Chosen from a clarification: a "not right" on it is about the question asked then.
        const asked = state.asked && state.asked.entryId === undefined ? { ...state.asked, entryId: entry.id } : undefined;
        const { asked: _old, ...rest } = state;
        return { response: { replies: [kit.answer(lang, entry)], outcome: { kind: 'answer', entryId: entry.id, score: 1 } }, state: { ...rest, lastAnswer: { entryId: entry.id, at: now, turns: 0 }, ...(asked ? { asked } : {}) } };
      }
      case 'answer-staff': {
        const r = startAnswer(t, state, action.requestId, now, kit.menuButton(lang));
        return { response: { replies: [r.reply], outcome: { kind: 'command', command: 'answer-staff' } }, state: r.state };
      }
      case 'flow':
      case 'flow-start':
      case 'feedback':
        return expired(state);
    }
  }

  return { handle };
}
