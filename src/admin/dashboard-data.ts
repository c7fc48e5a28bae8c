/**
 * The dashboard's figures for a period, from the anonymous daily counters (metrics_daily): conversations per
 * day by channel, outcomes per day and the fallback rate, top topics and entries, a funnel per flow, audience
 * groups. Nothing here can identify a person: the counters hold no user key.
 */
import { daysBetween } from '../core/vietnam-calendar.js';
import type { MetricRow } from '../storage/sqlite/metrics-sink.js';

export const CHANNELS = ['web', 'telegram', 'zalo'] as const;
export const OUTCOMES = ['answer', 'clarify', 'fallback', 'flow', 'command'] as const;

export interface FlowShape {
  id: string;
  start: string;
  steps: Record<string, { next?: string } & Record<string, unknown>>;
}

export interface Funnel {
  flowId: string;
  started: number;
  completed: number;
  /** Steps in the order a person meets them, with how many reached each. */
  steps: { step: string; reached: number }[];
}

export interface DashboardData {
  from: string;
  to: string;
  days: string[];
  conversations: Record<(typeof CHANNELS)[number], number[]>;
  outcomes: Record<(typeof OUTCOMES)[number], number[]>;
  /** Per day: fallbacks ÷ questions (answered + clarified + fallback); null on a day without questions. */
  fallbackRate: (number | null)[];
  totals: { conversations: number; messages: number; answered: number; clarified: number; fallback: number; handoffs: number; fallbackRate: number | null };
  topTopics: { key: string; value: number }[];
  topEntries: { key: string; value: number }[];
  funnels: Funnel[];
  audiences: { key: string; value: number }[];
  /** "Đúng ý tôi" / "Chưa đúng": totals, and the entries and topics most often marked not right. */
  feedback: {
    helpful: number;
    notHelpful: number;
    /** Clarifications where the person pressed "Không phải các câu trên". */
    noneFitted: number;
    entries: FeedbackRow[];
    topics: FeedbackRow[];
  };
}

export interface FeedbackRow {
  key: string;
  helpful: number;
  notHelpful: number;
  /** helpful ÷ (helpful + not helpful). */
  rate: number;
}

function feedbackRows(helpful: Map<string, number>, notHelpful: Map<string, number>, n: number): FeedbackRow[] {
  const keys = new Set([...helpful.keys(), ...notHelpful.keys()]);
  return [...keys]
    .map((key) => {
      const h = helpful.get(key) ?? 0;
      const b = notHelpful.get(key) ?? 0;
      return { key, helpful: h, notHelpful: b, rate: h / (h + b) };
    })
    .sort((a, b) => b.notHelpful - a.notHelpful || a.rate - b.rate || a.key.localeCompare(b.key))
    .slice(0, n);
}

const byTopic = (m: Map<string, number>, topicOf: (entryId: string) => string | undefined) => {
  const out = new Map<string, number>();
  for (const [entry, n] of m) {
    const topic = topicOf(entry);
    if (topic) out.set(topic, (out.get(topic) ?? 0) + n);
  }
  return out;
};

/** Step ids in the order of the flow's default path, then the rest in file order. */
export function stepOrder(flow: FlowShape): string[] {
  const seen: string[] = [];
  let at: string | undefined = flow.start;
  while (at && flow.steps[at] && !seen.includes(at)) {
    seen.push(at);
    const step: { next?: unknown } = flow.steps[at]!;
    at = typeof step.next === 'string' ? step.next : undefined;
  }
  for (const id of Object.keys(flow.steps)) if (!seen.includes(id)) seen.push(id);
  return seen;
}

const top = (m: Map<string, number>, n: number) =>
  [...m].map(([key, value]) => ({ key, value })).sort((a, b) => b.value - a.value || a.key.localeCompare(b.key)).slice(0, n);

export function buildDashboard(rows: readonly MetricRow[], from: string, to: string, flows: readonly FlowShape[], topicOf: (entryId: string) => string | undefined = () => undefined): DashboardData {
  const days = daysBetween(from, to);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const zeros = () => days.map(() => 0);
  const conversations = Object.fromEntries(CHANNELS.map((c) => [c, zeros()])) as DashboardData['conversations'];
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, zeros()])) as DashboardData['outcomes'];
  const byMetric = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const i = dayIndex.get(r.day);
    if (i === undefined) continue;
    if (r.metric === 'conversation' && r.channel in conversations) conversations[r.channel as (typeof CHANNELS)[number]][i]! += r.count;
    if (r.metric === 'message' && r.key in outcomes) outcomes[r.key as (typeof OUTCOMES)[number]][i]! += r.count;
    const m = byMetric.get(r.metric) ?? new Map<string, number>();
    m.set(r.key, (m.get(r.key) ?? 0) + r.count);
    byMetric.set(r.metric, m);
  }
  const sum = (l: number[]) => l.reduce((a, b) => a + b, 0);
  const fallbackRate = days.map((_, i) => {
    const asked = outcomes.answer[i]! + outcomes.clarify[i]! + outcomes.fallback[i]!;
    return asked === 0 ? null : outcomes.fallback[i]! / asked;
  });
  const answered = sum(outcomes.answer);
  const clarified = sum(outcomes.clarify);
  const fallback = sum(outcomes.fallback);
  const asked = answered + clarified + fallback;
  const count = (metric: string, key: string) => byMetric.get(metric)?.get(key) ?? 0;
  const helpful = byMetric.get('helpful') ?? new Map<string, number>();
  const notHelpful = byMetric.get('not-helpful') ?? new Map<string, number>();
  const funnels = flows
    .map((f) => ({
      flowId: f.id,
      started: count('flow-start', f.id),
      completed: count('flow-complete', f.id),
      steps: stepOrder(f).map((step) => ({ step, reached: count('flow-step', `${f.id}:${step}`) })).filter((s) => s.reached > 0),
    }))
    .filter((f) => f.started > 0)
    .sort((a, b) => b.started - a.started);
  return {
    from,
    to,
    days,
    conversations,
    outcomes,
    fallbackRate,
    totals: {
      conversations: CHANNELS.reduce((a, c) => a + sum(conversations[c]), 0),
      messages: OUTCOMES.reduce((a, o) => a + sum(outcomes[o]), 0),
      answered,
      clarified,
      fallback,
      handoffs: sum([...(byMetric.get('handoff')?.values() ?? [])]),
      fallbackRate: asked === 0 ? null : fallback / asked,
    },
    topTopics: top(byMetric.get('topic') ?? new Map(), 10),
    topEntries: top(byMetric.get('entry') ?? new Map(), 10),
    funnels,
    audiences: top(byMetric.get('audience') ?? new Map(), 10),
    feedback: {
      helpful: sum([...helpful.values()]),
      notHelpful: sum([...notHelpful.values()]),
      noneFitted: sum([...(byMetric.get('none-fitted')?.values() ?? [])]),
      entries: feedbackRows(helpful, notHelpful, 10),
      topics: feedbackRows(byTopic(helpful, topicOf), byTopic(notHelpful, topicOf), 10),
    },
  };
}
