/**
 * The flow engine: pure (state, input) → (state, replies). It runs steps that need no answer (say, branch,
 * compute, entry, handoff, end) until it reaches a question (choice, input), then waits. It knows nothing of
 * channels, storage or i18next: everything comes through EngineDeps.
 */
import type { FaqEntry, FaqIndex } from '../core/faq.js';
import { encodePayload } from '../core/payload-codec.js';
import type { Button, FlowState, Language, Reply, Translator } from '../core/types.js';
import { fold } from '../text/fold.js';
import type { Calculator, CalculatorContext } from './calculators/index.js';
import type { Flow, Step } from './schema.js';
import { parseValue, resolveChoice, type Limits } from './step-input.js';

export interface EngineDeps {
  t: Translator;
  faq: () => FaqIndex;
  /** Renders a knowledge entry as the core would. */
  answer: (lang: Language, entry: FaqEntry) => Reply;
  menuButton: (lang: Language) => Button;
  calculators: Record<string, Calculator>;
  calcContext: () => CalculatorContext;
  limits: () => Limits;
  now: () => number;
  /** Sends a question to staff; `contact` only when the user chose to leave one. */
  handoff: (request: { question: string; contact: string | null }) => void;
}

export interface FlowEvent {
  metric: string;
  key: string;
}

export interface EngineResult {
  replies: Reply[];
  flow: FlowState | null;
  events: FlowEvent[];
  stepId: string;
  audience?: string;
  /** The user left an optional flow: handle their message as if no flow were active. */
  abandoned?: boolean;
}

const MAX_STEPS_PER_TURN = 60;
const MAX_ATTEMPTS = 3;
const BACK_WORDS = new Set(['quay lai', 'lui lai', 'tro lai', 'back', 'quay lai buoc truoc']);
const STAFF_FLOW = 'talk-to-staff';

type Vars = Record<string, unknown>;

function interpolationVars(vars: Vars): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

function conditionHolds(when: { var: string; eq?: unknown; in?: unknown[]; lt?: number; gte?: number }, vars: Vars): boolean {
  const v = vars[when.var];
  if (when.eq !== undefined && v !== when.eq) return false;
  if (when.in !== undefined && !when.in.includes(v as string | number)) return false;
  if (when.lt !== undefined && !(typeof v === 'number' && v < when.lt)) return false;
  if (when.gte !== undefined && !(typeof v === 'number' && v >= when.gte)) return false;
  return true;
}

export function createEngine(flows: ReadonlyMap<string, Flow>, deps: EngineDeps) {
  const { t } = deps;

  function buttonFor(lang: Language, b: { label: string; action: string }): Button {
    const [type, target] = b.action.split(':') as [string, string];
    const payload =
      type === 'topic'
        ? encodePayload({ type: 'topic', topic: target })
        : type === 'flow'
          ? encodePayload({ type: 'flow-start', flowId: target })
          : type === 'faq'
            ? encodePayload({ type: 'faq', entryId: target })
            : encodePayload({ type: 'command', command: target as 'menu' });
    return { label: t(lang, b.label), payload };
  }

  /** Variables a text may use: the flow's own, plus the current legal income limits. */
  const textVars = (vars: Vars) => interpolationVars({ ...limitsText(), ...vars });

  /** The text (and buttons) that asks a question step. */
  function ask(lang: Language, step: Step, vars: Vars): Reply {
    const text = 'text' in step && step.text ? t(lang, step.text, textVars(vars)) : '';
    if (step.kind === 'choice') {
      return { text, buttons: step.choices.map((c) => ({ label: t(lang, c.label), payload: encodePayload({ type: 'flow', value: c.value }) })) };
    }
    return { text };
  }

  /** Runs from `stepId` until a question or the end. */
  function run(flow: Flow, startStep: string, vars: Vars, history: string[], lang: Language, replies: Reply[], events: FlowEvent[]): EngineResult {
    let stepId = startStep;
    for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
      const step = flow.steps[stepId]!;
      switch (step.kind) {
        case 'say':
          replies.push({ text: t(lang, step.text, textVars(vars)), ...(step.buttons ? { buttons: step.buttons.map((b) => buttonFor(lang, b)) } : {}) });
          stepId = step.next;
          break;
        case 'branch':
          stepId = step.cases.find((c) => conditionHolds(c.when, vars))?.next ?? step.default;
          break;
        case 'compute':
          vars = deps.calculators[step.calculator]!(vars, deps.calcContext());
          stepId = step.next;
          break;
        case 'entry': {
          const entry = deps.faq().entry(step.entry);
          if (entry) replies.push(deps.answer(lang, entry));
          stepId = step.next;
          break;
        }
        case 'handoff': {
          deps.handoff({ question: String(vars.question ?? ''), contact: typeof vars.contact === 'string' ? vars.contact : null });
          const { question: _q, contact: _c, ...rest } = vars;
          vars = rest;
          events.push({ metric: 'handoff', key: flow.id });
          stepId = step.next;
          break;
        }
        case 'end': {
          const buttons = step.buttons ? step.buttons.map((b) => buttonFor(lang, b)) : [deps.menuButton(lang)];
          if (step.text) replies.push({ text: t(lang, step.text, textVars(vars)), buttons });
          else if (replies.length) replies[replies.length - 1] = { ...replies[replies.length - 1]!, buttons: [...(replies[replies.length - 1]!.buttons ?? []), ...buttons] };
          events.push({ metric: 'flow-complete', key: flow.id });
          return { replies, flow: null, events, stepId };
        }
        case 'choice':
        case 'input':
          replies.push(ask(lang, step, vars));
          events.push({ metric: 'flow-step', key: `${flow.id}:${stepId}` });
          return { replies, flow: { flowId: flow.id, version: flow.version, stepId, vars, attempts: 0, history }, events, stepId };
      }
    }
    throw new Error(`flow ${flow.id} ran more than ${MAX_STEPS_PER_TURN} steps without a question`);
  }

  function start(flowId: string, lang: Language, vars: Vars = {}): EngineResult | null {
    const flow = flows.get(flowId);
    if (!flow) return null;
    return run(flow, flow.start, vars, [], lang, [], [{ metric: 'flow-start', key: flow.id }]);
  }

  /** Handles an answer to the waiting question. */
  function resume(state: FlowState, input: { text?: string; value?: string }, lang: Language): EngineResult {
    const flow = flows.get(state.flowId)!;
    const step = flow.steps[state.stepId]!;
    const events: FlowEvent[] = [];
    const text = input.text ?? '';
    if (input.value === undefined && BACK_WORDS.has(fold(text.toLowerCase()).replace(/[^a-z ]/g, '').trim())) {
      const previous = state.history.at(-1) ?? state.stepId;
      return run(flow, previous, state.vars, state.history.slice(0, -1), lang, [], events);
    }
    let value: unknown = null;
    let reason = 'unreadable';
    let remember: string | undefined;
    if (step.kind === 'choice') {
      value = resolveChoice(step, input, (k) => t(lang, k));
      if (value !== null && step.remember === 'audience') {
        remember = value as string;
        events.push({ metric: 'audience', key: remember });
      }
    } else if (step.kind === 'input' && input.value === undefined) {
      const parsed = parseValue(step.parser, text, deps.now(), deps.limits);
      if (parsed.ok) value = parsed.value;
      else reason = parsed.reason;
    }
    if (value !== null && (step.kind === 'choice' || step.kind === 'input')) {
      const next = step.kind === 'choice' ? (step.choices.find((c) => c.value === value)?.next ?? step.next!) : step.next;
      const result = run(flow, next, { ...state.vars, [step.store]: value }, [...state.history, state.stepId], lang, [], events);
      return remember ? { ...result, audience: remember } : result;
    }
    return notUnderstood(flow, step, state, text, reason, lang, events);
  }

  function notUnderstood(flow: Flow, step: Step, state: FlowState, text: string, reason: string, lang: Language, events: FlowEvent[]): EngineResult {
    if (flow.optional && text.trim()) {
      events.push({ metric: 'flow-left', key: `${flow.id}:${state.stepId}` });
      return { replies: [], flow: null, events, stepId: state.stepId, abandoned: true };
    }
    const again = ask(lang, step, state.vars);
    // A real question asked mid-flow gets its answer, then the step is asked again.
    if (text.trim() && reason === 'unreadable') {
      const r = deps.faq().classify(text);
      if (r.kind === 'answer') {
        const entry = deps.faq().entry(r.match.id);
        if (entry) {
          events.push({ metric: 'flow-faq', key: flow.id });
          return { replies: [deps.answer(lang, entry), { ...again, text: `${t(lang, 'flows.common.backToStep')}\n${again.text}` }], flow: state, events, stepId: state.stepId };
        }
      }
    }
    const attempts = state.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      const buttons: Button[] = [deps.menuButton(lang)];
      if (flows.has(STAFF_FLOW) && flow.id !== STAFF_FLOW) buttons.push({ label: t(lang, 'flows.common.talkToStaff'), payload: encodePayload({ type: 'flow-start', flowId: STAFF_FLOW }) });
      events.push({ metric: 'flow-stuck', key: `${flow.id}:${state.stepId}` });
      return { replies: [{ text: t(lang, 'flows.common.stuck'), buttons }, again], flow: { ...state, attempts: 0 }, events, stepId: state.stepId };
    }
    const hintKey = step.kind === 'input' ? (reason === 'below' ? 'flows.common.belowFloor' : reason === 'above' ? 'flows.common.aboveCeiling' : step.hint) : 'flows.common.pickOption';
    const hint = t(lang, hintKey, textVars(state.vars));
    return { replies: [{ ...again, text: `${hint}\n\n${again.text}` }], flow: { ...state, attempts }, events, stepId: state.stepId };
  }

  function limitsText(): Record<string, string> {
    const { floor, ceiling } = deps.limits();
    const f = (n: number | null) => (n === null ? '' : `${n.toLocaleString('de-DE')} đ`);
    return { floorText: f(floor), ceilingText: f(ceiling) };
  }

  return { start, resume, has: (id: string) => flows.has(id) };
}

export type Engine = ReturnType<typeof createEngine>;
