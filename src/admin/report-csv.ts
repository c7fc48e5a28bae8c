/**
 * The campaign report as CSV (RFC 4180, UTF-8 with a BOM so that spreadsheet programs read Vietnamese), laid out
 * for a clerk: the period's totals, then one row a day with a column per figure (no pivoting needed), then the
 * top topics, answers, flow steps and audience groups, each as a small two-column table, in the console's
 * language with dates as dd/mm/yyyy. A cell that a spreadsheet would take for a formula (= + - @, tab,
 * carriage return) is prefixed with '.
 */
import { displayDay } from '../core/vietnam-calendar.js';
import type { Tr } from './context.js';
import type { DashboardData } from './dashboard-data.js';
import { CHANNELS, OUTCOMES } from './dashboard-data.js';

export function csvCell(value: string | number): string {
  let s = String(value);
  // A formula may start the cell, or start a piece of it that a spreadsheet splits off: Vietnamese Excel
  // takes ';' as the list separator, and naive importers split on ',' or a tab.
  if (typeof value === 'string') s = s.replace(/(^|[;,\t])(\s*)([=+\-@\t\r])/g, "$1$2'$3");
  return /[",;\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly (string | number)[]) => cells.map(csvCell).join(',');

export interface ReportLabels {
  topic(id: string): string;
  entry(id: string): string;
  flow(id: string): string;
  step(flowId: string, stepId: string): string;
  audience(id: string): string;
}

const percent = (n: number | null) => (n === null ? '' : (100 * n).toFixed(1));

export function reportCsv(d: DashboardData, label: ReportLabels, tr: Tr): string {
  const t = d.totals;
  const lines: string[] = [csvLine([tr('csv.title'), tr('csv.period', { from: displayDay(d.from), to: displayDay(d.to) })]), ''];
  lines.push(csvLine([tr('csv.totals')]), csvLine([tr('csv.measure'), tr('csv.value')]));
  const totals: [string, number | string][] = [
    [tr('dashboard.conversations'), t.conversations],
    [tr('dashboard.messages'), t.messages],
    [tr('dashboard.answered'), t.answered],
    [tr('dashboard.clarified'), t.clarified],
    [tr('dashboard.fallback'), t.fallback],
    [`${tr('dashboard.fallbackRate')} (%)`, percent(t.fallbackRate)],
    [tr('dashboard.handoffs'), t.handoffs],
    [tr('dashboard.feedback.helpful'), d.feedback.helpful],
    [tr('dashboard.feedback.notHelpful'), d.feedback.notHelpful],
  ];
  for (const [name, value] of totals) lines.push(csvLine([name, value]));

  lines.push('', csvLine([tr('csv.perDay')]));
  lines.push(csvLine([tr('csv.day'), ...CHANNELS.map((c) => tr(`channels.${c}`)), tr('csv.allConversations'), ...OUTCOMES.map((o) => tr(`outcomes.${o}`)), `${tr('dashboard.fallbackRate')} (%)`]));
  d.days.forEach((day, i) => {
    const perChannel = CHANNELS.map((c) => d.conversations[c][i]!);
    lines.push(csvLine([displayDay(day), ...perChannel, perChannel.reduce((a, b) => a + b, 0), ...OUTCOMES.map((o) => d.outcomes[o][i]!), percent(d.fallbackRate[i] ?? null)]));
  });

  const table = (title: string, head: string, rows: readonly [string, number][]) => {
    if (rows.length === 0) return;
    lines.push('', csvLine([title]), csvLine([head, tr('csv.count')]));
    for (const [name, n] of rows) lines.push(csvLine([name, n]));
  };
  table(tr('dashboard.topTopics'), tr('csv.topic'), d.topTopics.map((x) => [label.topic(x.key), x.value]));
  table(tr('dashboard.topEntries'), tr('csv.answer'), d.topEntries.map((x) => [label.entry(x.key), x.value]));
  table(
    tr('dashboard.funnels'),
    tr('csv.step'),
    d.funnels.flatMap((f) => [
      [`${label.flow(f.flowId)}: ${tr('dashboard.started')}`, f.started] as [string, number],
      ...f.steps.map((s) => [`${label.flow(f.flowId)}: ${label.step(f.flowId, s.step)}`, s.reached] as [string, number]),
      [`${label.flow(f.flowId)}: ${tr('dashboard.completed')}`, f.completed] as [string, number],
    ]),
  );
  table(tr('dashboard.audiences'), tr('csv.audience'), d.audiences.map((x) => [label.audience(x.key), x.value]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
