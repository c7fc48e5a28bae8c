/**
 * Plugs the flow engine into the router's seam: resumes an active flow, expires idle ones, restarts flows whose
 * definition changed, starts a flow from its trigger phrase or a button. Flows start only from explicit
 * phrases ("tính tiền đóng"), buttons and the welcome, never from ordinary questions, which keep their answers.
 */
import type { FlowHandler, FlowTurn } from '../core/router.js';
import type { ConversationState, Language, Translator } from '../core/types.js';
import { normalizeEnglish, stem } from '../text/english-normalize.js';
import { normalizeText } from '../text/normalize.js';
import type { Engine, EngineResult } from './engine.js';
import type { Flow } from './schema.js';

export interface FlowHandlerDeps {
  engine: Engine;
  flows: readonly Flow[];
  t: Translator;
  /** An idle flow older than this is dropped; the next message starts fresh. */
  idleMs: number;
}

const FILLERS = new Set(['cho', 'toi', 'em', 'minh', 'giup', 'voi', 'muon', 'hay', 'a', 'nhe', 'di', 'ban', 'oi', 'can', 'xin', 'vui', 'long']);

const ENGLISH_FILLERS = new Set('i me my please can could you help want to a an the would like let us start open for'.split(' ').map(stem));

/** A trigger phrase as it is compared: normalised, polite filler left out. */
const phraseKey = (text: string) =>
  normalizeText(text)
    .folded.filter((w) => !FILLERS.has(w))
    .join(' ');
const englishKey = (text: string) =>
  normalizeEnglish(text)
    .tokens.filter((w) => !ENGLISH_FILLERS.has(w))
    .join(' ');

export function createFlowHandler(deps: FlowHandlerDeps): FlowHandler {
  const byId = new Map(deps.flows.map((f) => [f.id, f]));
  const triggers = new Map<string, string>();
  for (const f of deps.flows) for (const phrase of f.triggers) triggers.set(phraseKey(phrase), f.id);
  const englishTriggers = new Map<string, string>();
  for (const f of deps.flows) for (const phrase of f.triggers_en) englishTriggers.set(englishKey(phrase), f.id);

  function turn(result: EngineResult, state: ConversationState): FlowTurn {
    return {
      kind: 'handled',
      response: { replies: result.replies, outcome: { kind: 'flow', flowId: result.flow?.flowId ?? lastFlow(result), stepId: result.stepId } },
      state: { ...state, flow: result.flow, ...(result.audience ? { audience: result.audience } : {}) },
      events: result.events,
    };
  }
  const lastFlow = (r: EngineResult) => r.events.find((e) => e.metric === 'flow-complete' || e.metric === 'flow-start')?.key.split(':')[0] ?? '';

  function start(flowId: string, state: ConversationState, lang: Language, vars: Record<string, unknown> = {}): FlowTurn {
    const result = deps.engine.start(flowId, lang, vars);
    return result ? turn(result, state) : { kind: 'pass', state };
  }

  return {
    has: (flowId) => byId.has(flowId),
    start: ({ flowId, state, lang, vars }) => start(flowId, state, lang, vars),
    handle({ message, action, state, lang, now }) {
      let current = state;
      let notice: string | undefined;
      const active = current.flow;
      if (active) {
        const flow = byId.get(active.flowId);
        if (!flow || flow.version !== active.version || !flow.steps[active.stepId]) {
          current = { ...current, flow: null };
          notice = deps.t(lang, 'flows.common.changed');
        } else if (current.lastActiveAt !== undefined && now - current.lastActiveAt > deps.idleMs) {
          current = { ...current, flow: null };
          notice = deps.t(lang, 'flows.common.expired');
        } else if (action?.type === 'flow') {
          return turn(deps.engine.resume(active, { value: action.value }, lang), current);
        } else if (!action && message.text !== undefined) {
          const result = deps.engine.resume(active, { text: message.text }, lang);
          if (!result.abandoned) return turn(result, current);
          current = { ...current, flow: null };
        }
      }
      if (action?.type === 'flow-start') return start(action.flowId, current, lang);
      if (!current.flow && !action && message.text) {
        const flowId = triggers.get(phraseKey(message.text));
        if (flowId) return start(flowId, current, lang);
        // A flow asked for in English ("calculate my pension") runs in English, and the conversation goes on in it.
        const englishId = englishTriggers.get(englishKey(message.text));
        if (englishId) return start(englishId, { ...current, lang: 'en' }, 'en');
      }
      return { kind: 'pass', state: current, ...(notice ? { notice } : {}) };
    },
  };
}
