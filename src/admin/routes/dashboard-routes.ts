/** The dashboard, the printable report and the CSV export, for a date range (Vietnam days). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { daysBetween, isCalendarDay, shiftDay, vietnamDay } from '../../core/vietnam-calendar.js';
import type { ConsoleDeps } from '../console.js';
import { buildDashboard } from '../dashboard-data.js';
import { reportCsv } from '../report-csv.js';
import { dashboardBody } from '../views/dashboard.js';
import { sendPage } from './render.js';
import { languageOf, translatorFor } from '../context.js';

const MAX_DAYS = 366;

/** The requested period, or the last 30 days; a bad or reversed range falls back to the default. */
export function periodOf(query: { from?: unknown; to?: unknown }, now: number): { from: string; to: string } {
  const to = isCalendarDay(query.to) ? query.to : vietnamDay(now);
  const defFrom = shiftDay(to, -29);
  let from = isCalendarDay(query.from) ? query.from : defFrom;
  if (from > to) from = defFrom;
  if (daysBetween(from, to).length >= MAX_DAYS) from = shiftDay(to, -(MAX_DAYS - 1));
  return { from, to };
}

export function registerDashboardRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  const data = (request: FastifyRequest<{ Querystring: { from?: string; to?: string } }>) => {
    const { from, to } = periodOf(request.query, deps.now());
    return buildDashboard(deps.metrics.rows(from, to), from, to, deps.flows, (id) => deps.knowledge.faq().entry(id)?.topic);
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
      const d = data(request);
      return sendPage(request, reply, deps.t, (tr) => ({
        title: printable ? tr('report.title', { from: d.from, to: d.to }) : tr('dashboard.title'),
        body: dashboardBody(tr, d, labels(request), printable, printable ? [] : deps.deadLetters()),
      }));
    });
  }

  admin.get<{ Querystring: { from?: string; to?: string } }>('/report.csv', async (request, reply) => {
    const d = data(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="bhxh-bot-report-${d.from}-${d.to}.csv"`)
      .send(reportCsv(d, labels(request), translatorFor(deps.t, languageOf(request))));
  });
}
