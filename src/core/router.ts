/**
 * The one router every channel goes through. In order: button payloads and typed commands or escape words,
 * the step of an active flow, FAQ lookup, clarification, fallback. Returns replies and a tagged outcome, and
 * records anonymous engagement counts. Imports no channel, SQL, HTTP framework or i18next.
 */
import { redact, REDACTION_LABEL } from '../privacy/redact.js';
import { normalizeText } from '../text/normalize.js';
import { recogniseCommand } from './commands.js';
import type { FaqIndex } from './faq.js';
import { decodePayload, type Action, type Command } from './payload-codec.js';
import { createReplyKit } from './replies.js';
import {
  STATE_VERSION,
  type BotResponse,
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

/** The seam where scripted flows plug in: returns null when the message is not theirs. */
export interface FlowHandler {
  handle(input: {
    message: InboundMessage;
    action: Action | null;
    state: ConversationState;
    lang: Language;
  }): { response: BotResponse; state: ConversationState } | null;
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
}

export interface Router {
  handle(message: InboundMessage): BotResponse;
}

const MAX_SAVED_QUESTION = 500;
const VN_OFFSET_MS = 7 * 3600_000;

/** Calendar day in Vietnam (UTC+7), YYYY-MM-DD. */
export function vietnamDay(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function createRouter(deps: RouterDeps): Router {
  const { t, sessions } = deps;
  const kit = createReplyKit(deps.faq, t);

  function runCommand(command: Command, state: ConversationState, firstContact: boolean): { replies: Reply[]; state: ConversationState | null } {
    const lang = state.lang;
    switch (command) {
      case 'start':
      case 'greeting':
        return { replies: [kit.menu(lang, t(lang, firstContact ? 'welcome.first' : 'welcome.again'))], state };
      case 'menu':
        return { replies: [kit.menu(lang)], state: { ...state, flow: null } };
      case 'help':
        return { replies: [{ text: t(lang, 'help.text'), buttons: [kit.menuButton(lang)] }], state };
      case 'restart':
        return { replies: [kit.menu(lang, t(lang, 'restart.done'))], state: { ...state, flow: null } };
      case 'language':
        return {
          replies: [
            {
              text: t(lang, 'language.choose'),
              buttons: [
                { label: 'Tiếng Việt', payload: 'l:vi' },
                { label: 'English', payload: 'l:en' },
              ],
            },
          ],
          state,
        };
      case 'forget':
        return { replies: [{ text: t(lang, 'forget.done') }], state: null };
      case 'thanks':
        return { replies: [{ text: t(lang, 'thanks.reply'), buttons: [kit.menuButton(lang)] }], state };
    }
  }

  function handle(message: InboundMessage): BotResponse {
    const now = deps.clock.now();
    const day = vietnamDay(now);
    const stored = sessions.get(message.userKey);
    const firstContact = stored === undefined;
    let state: ConversationState = stored && stored.version === STATE_VERSION ? stored : { version: STATE_VERSION, lang: deps.defaultLanguage };
    const events: MetricEvent[] = [];
    const count = (metric: string, key: string) => events.push({ day, channel: message.channel, metric, key });
    if (state.lastDay !== day) count('conversation', 'started');

    const result = decide(message, state, firstContact);
    let response = result.response;
    if (firstContact && result.state && response.outcome.kind !== 'command') {
      response = { ...response, replies: [{ text: t(state.lang, 'welcome.notice') }, ...response.replies] };
    }
    count('message', response.outcome.kind);
    const o = response.outcome;
    if (o.kind === 'answer') {
      count('entry', o.entryId);
      const topic = deps.faq().entry(o.entryId)?.topic;
      if (topic) count('topic', topic);
    } else if (o.kind === 'command') {
      count('command', o.command);
    }
    if (result.state) {
      state = { ...result.state, lastDay: day, lastActiveAt: now };
      sessions.set(message.userKey, state);
    } else {
      sessions.delete(message.userKey);
    }
    deps.metrics.record(events);
    return response;
  }

  function decide(message: InboundMessage, state: ConversationState, firstContact: boolean): { response: BotResponse; state: ConversationState | null } {
    const lang = state.lang;
    const action = message.payload !== undefined ? decodePayload(message.payload) : null;
    if (message.payload !== undefined && !action && !message.text) {
      return { response: { replies: [kit.menu(lang, t(lang, 'payload.expired'))], outcome: { kind: 'command', command: 'expired' } }, state };
    }
    if (action) {
      const handled = handleAction(action, state, firstContact);
      if (handled) return handled;
    }
    const text = message.text ?? '';
    const normalized = normalizeText(text);
    const recognised = action ? null : recogniseCommand(text, normalized.folded);
    if (recognised?.type === 'lang') return handleAction({ type: 'lang', lang: recognised.lang }, state, firstContact)!;
    if (recognised?.type === 'command') {
      const r = runCommand(recognised.command, state, firstContact);
      return { response: { replies: r.replies, outcome: { kind: 'command', command: recognised.command } }, state: r.state };
    }
    if (deps.flows) {
      const flow = deps.flows.handle({ message, action, state, lang });
      if (flow) return flow;
    }
    if (normalized.tokens.length === 0) {
      return { response: { replies: [kit.menu(lang, t(lang, 'empty.text'))], outcome: { kind: 'command', command: 'empty' } }, state };
    }
    return faqOrFallback(message, text, state);
  }

  function handleAction(action: Action, state: ConversationState, firstContact: boolean): { response: BotResponse; state: ConversationState | null } | null {
    const lang = state.lang;
    switch (action.type) {
      case 'command': {
        const r = runCommand(action.command, state, firstContact);
        return { response: { replies: r.replies, outcome: { kind: 'command', command: action.command } }, state: r.state };
      }
      case 'lang': {
        const next = { ...state, lang: action.lang };
        const key = firstContact ? 'welcome.first' : state.lang === action.lang ? 'welcome.again' : 'language.switched';
        return { response: { replies: [kit.menu(action.lang, t(action.lang, key))], outcome: { kind: 'command', command: 'language' } }, state: next };
      }
      case 'topic': {
        const reply = action.topic === 'more' ? kit.moreTopics(lang) : kit.topic(lang, action.topic);
        if (!reply) return { response: { replies: [kit.menu(lang, t(lang, 'payload.expired'))], outcome: { kind: 'command', command: 'expired' } }, state };
        return { response: { replies: [reply], outcome: { kind: 'command', command: 'topic' } }, state };
      }
      case 'faq': {
        const entry = deps.faq().entry(action.entryId);
        if (!entry) return { response: { replies: [kit.menu(lang, t(lang, 'payload.expired'))], outcome: { kind: 'command', command: 'expired' } }, state };
        return { response: { replies: [kit.answer(lang, entry)], outcome: { kind: 'answer', entryId: entry.id, score: 1 } }, state };
      }
      case 'flow':
        return null;
    }
  }

  function faqOrFallback(message: InboundMessage, raw: string, state: ConversationState): { response: BotResponse; state: ConversationState } {
    const lang = state.lang;
    const r = deps.faq().classify(raw);
    if (r.kind === 'answer') {
      const entry = deps.faq().entry(r.match.id)!;
      return { response: { replies: [kit.answer(lang, entry)], outcome: { kind: 'answer', entryId: entry.id, score: r.match.score } }, state };
    }
    if (r.kind === 'clarify') {
      return {
        response: { replies: [kit.clarify(lang, r.candidates)], outcome: { kind: 'clarify', candidates: r.candidates.map((c) => c.id), score: r.candidates[0]!.score } },
        state,
      };
    }
    // Redact the whole text before cutting it, so that no half of a number escapes the patterns.
    const saved = redact(raw).text.slice(0, MAX_SAVED_QUESTION);
    deps.unanswered.add({
      text: saved,
      folded: normalizeText(saved.replace(REDACTION_LABEL, ' ')).folded.join(' '),
      channel: message.channel,
      at: deps.clock.now(),
      nearest: r.nearest.map((m) => ({ id: m.id, score: Math.round(m.score * 1000) / 1000 })),
    });
    return { response: { replies: [kit.fallback(lang)], outcome: { kind: 'fallback', score: r.nearest[0]?.score ?? 0 } }, state };
  }

  return { handle };
}
