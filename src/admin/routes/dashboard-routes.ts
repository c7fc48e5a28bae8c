/** The dashboard, the printable report and the CSV export, for a date range (Vietnam days). */
import { pause } from '../event-loop-slices.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { daysBetween, isCalendarDay, shiftDay, vietnamDay } from '../../core/vietnam-calendar.js';
import type { MetricRow } from '../../storage/sqlite/metrics-sink.js';
import type { ConsoleDeps } from '../console.js';
import { buildDashboard, type FlowShape } from '../dashboard-data.js';
import { reportCsv } from '../report-csv.js';
import { dashboardBody } from '../views/dashboard.js';
import { sendPage } from './render.js';
import { languageOf, translatorFor } from '../context.js';

const MAX_DAYS = 366;
/** The metrics the dashboard shows day by day; the others only as sums over the period. */
const SERIES = ['conversation', 'message'];
const DAYS_AT_ONCE = 2;

/** The requested period, or the last 30 days; a bad or reversed range falls back to the default. */
export function periodOf(query: { from?: unknown; to?: unknown }, now: number): { from: string; to: string } {
  const to = isCalendarDay(query.to) ? query.to : vietnamDay(now);
  const defFrom = shiftDay(to, -29);
  let from = isCalendarDay(query.from) ? query.from : defFrom;
  if (from > to) from = defFrom;
  if (daysBetween(from, to).length >= MAX_DAYS) from = shiftDay(to, -(MAX_DAYS - 1));
  return { from, to };
}

/**
 * The figures of a period without reading its counters row by row: the daily series (conversations, messages)
 * by metric, and everything else summed in SQL a few days at a time, the bot answering in between. The same
 * figures as `buildDashboard` over every row of the period.
 */
export async function dashboardOf(metrics: ConsoleDeps['metrics'], from: string, to: string, flows: readonly FlowShape[], topicOf: (entryId: string) => string | undefined) {
  const rows: MetricRow[] = metrics.series(from, to, SERIES);
  const totals = new Map<string, MetricRow>();
  for (let start = from; start <= to; start = shiftDay(start, DAYS_AT_ONCE)) {
    const end = shiftDay(start, DAYS_AT_ONCE - 1) < to ? shiftDay(start, DAYS_AT_ONCE - 1) : to;
    for (const r of metrics.totals(start, end)) {
      if (SERIES.includes(r.metric)) continue;
      const k = `${r.metric}\u0000${r.key}`;
      const had = totals.get(k);
      if (had) had.count += r.count;
      else totals.set(k, { day: from, channel: 'web', ...r }); // put on the first day: only the sums are read
    }
    await pause();
  }
  return buildDashboard([...rows, ...totals.values()], from, to, flows, topicOf);
}

export function registerDashboardRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  const data = (request: FastifyRequest<{ Querystring: { from?: string; to?: string } }>) => {
    const { from, to } = periodOf(request.query, deps.now());
    return dashboardOf(deps.metrics, from, to, deps.flows, (id) => deps.knowledge.faq().entry(id)?.topic);
  };
  const labels = (request: FastifyRequest) => {
    const lang = languageOf(request);
    const tr = translatorFor(deps.t, lang);
    const faq = deps.knowledge.faq();
    const flowTitle = new Map(deps.flows.map((f) => [f.id, deps.t(lang, f.title)]));
    const flowById = new Map(deps.flows.map((f) => [f.id, f]));
    return {
      topic: (id: string) => tr(`topics.${id}`),
      entry: (id: string) => faq.entry(id)?.question ?? id,
      flow: (id: string) => flowTitle.get(id) ?? id,
      // A step by what it asks the person (its text, cut short), not by its id.
      step: (flowId: string, stepId: string) => {
        const key = (flowById.get(flowId)?.steps[stepId] as { text?: unknown } | undefined)?.text;
        const text = typeof key === 'string' ? deps.t(lang, key).replace(/\s+/g, ' ').trim() : '';
        return text ? (text.length > 60 ? `${text.slice(0, 59)}…` : text) : stepId;
      },
      audience: (id: string) => tr(`audiences.${id}`),
    };
  };

  for (const [path, printable] of [['/dashboard', false], ['/report', true]] as const) {
    admin.get<{ Querystring: { from?: string; to?: string } }>(path, async (request, reply) => {
      const d = await data(request);
      return sendPage(request, reply, deps.t, (tr) => ({
        title: printable ? tr('report.title', { from: d.from, to: d.to }) : tr('dashboard.title'),
        body: dashboardBody(tr, d, labels(request), printable, printable ? [] : deps.deadLetters()),
      }));
    });
  }

  admin.get<{ Querystring: { from?: string; to?: string } }>('/report.csv', async (request, reply) => {
    const d = await data(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="bhxh-bot-report-${d.from}-${d.to}.csv"`)
      .send(reportCsv(d, labels(request), translatorFor(deps.t, languageOf(request))));
  });
}
