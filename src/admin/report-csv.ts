/**
 * The campaign report as CSV (RFC 4180, UTF-8 with a BOM so that spreadsheet programs read Vietnamese). A
 * cell that a spreadsheet would take for a formula (= + - @, tab, carriage return) is prefixed with '.
 */
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

export function reportCsv(d: DashboardData, label: { topic(id: string): string; entry(id: string): string; flow(id: string): string; audience(id: string): string }): string {
  const lines: string[] = [csvLine(['section', 'day', 'item', 'channel', 'value'])];
  const t = d.totals;
  const period = `${d.from}..${d.to}`;
  lines.push(csvLine(['total', period, 'conversations', 'all', t.conversations]));
  lines.push(csvLine(['total', period, 'messages', 'all', t.messages]));
  lines.push(csvLine(['total', period, 'answered', 'all', t.answered]));
  lines.push(csvLine(['total', period, 'clarified', 'all', t.clarified]));
  lines.push(csvLine(['total', period, 'fallback', 'all', t.fallback]));
  lines.push(csvLine(['total', period, 'fallback rate %', 'all', t.fallbackRate === null ? '' : (100 * t.fallbackRate).toFixed(1)]));
  lines.push(csvLine(['total', period, 'questions sent to staff', 'all', t.handoffs]));
  d.days.forEach((day, i) => {
    for (const c of CHANNELS) if (d.conversations[c][i]) lines.push(csvLine(['conversations', day, 'conversations', c, d.conversations[c][i]!]));
    for (const o of OUTCOMES) if (d.outcomes[o][i]) lines.push(csvLine(['outcomes', day, o, 'all', d.outcomes[o][i]!]));
  });
  for (const x of d.topTopics) lines.push(csvLine(['top topics', period, label.topic(x.key), 'all', x.value]));
  for (const x of d.topEntries) lines.push(csvLine(['top answers', period, label.entry(x.key), 'all', x.value]));
  for (const f of d.funnels) {
    lines.push(csvLine(['flows', period, `${label.flow(f.flowId)}: started`, 'all', f.started]));
    for (const s of f.steps) lines.push(csvLine(['flows', period, `${label.flow(f.flowId)}: ${s.step}`, 'all', s.reached]));
    lines.push(csvLine(['flows', period, `${label.flow(f.flowId)}: completed`, 'all', f.completed]));
  }
  for (const x of d.audiences) lines.push(csvLine(['audiences', period, label.audience(x.key), 'all', x.value]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
