/** The dashboard (and its printable report form): period filter, totals, charts with their figures. */
import type { Tr } from '../context.js';
import { CHANNELS, OUTCOMES, type DashboardData } from '../dashboard-data.js';
import { html, type Html } from '../html.js';
import { horizontalBars, PALETTE, percentLine, stackedColumns } from '../svg-charts.js';
import type { DeadLetterCount } from '../../storage/outbox-store.js';
import { displayDay, vietnamDay } from '../../core/vietnam-calendar.js';

export type { ReportLabels as Labels } from '../report-csv.js';
import type { ReportLabels as Labels } from '../report-csv.js';

const pct = (n: number | null) => (n === null ? '—' : `${(100 * n).toFixed(1)}%`);

/** Replies that never reached a Telegram or Zalo chat: shown so that staff can follow up, never hidden. */
function deadLetterPanel(tr: Tr, dead: readonly DeadLetterCount[]): Html | string {
  if (dead.length === 0) return '';
  const total = dead.reduce((n, d) => n + d.count, 0);
  return html`<section class="card warning" id="dead-letters"><h2>${tr('dashboard.deadLetters', { count: total })}</h2>
    <p>${tr('dashboard.deadLettersHelp')}</p>
    <table><thead><tr><th scope="col">${tr('dashboard.channel')}</th><th scope="col">${tr('dashboard.reason')}</th><th scope="col">${tr('dashboard.count')}</th><th scope="col">${tr('dashboard.latest')}</th></tr></thead>
    <tbody>${dead.map((d) => html`<tr><td>${tr(`channels.${d.channel}`)}</td><td>${d.reason}</td><td>${d.count.toLocaleString('vi-VN')}</td><td>${displayDay(vietnamDay(d.latest))}</td></tr>`)}</tbody></table>
  </section>`;
}

/** Helpful rate: the entries and topics citizens most often marked "Chưa đúng", each a link to review them. */
function feedbackPanel(tr: Tr, d: DashboardData, labels: Labels): Html {
  const f = d.feedback;
  const rated = f.helpful + f.notHelpful;
  const rows = (list: DashboardData['feedback']['entries'], label: (k: string) => string) =>
    html`<table><thead><tr><th scope="col">${tr('dashboard.feedback.item')}</th><th scope="col">${tr('dashboard.feedback.helpful')}</th><th scope="col">${tr('dashboard.feedback.notHelpful')}</th><th scope="col">${tr('dashboard.feedback.rate')}</th></tr></thead>
    <tbody>${list.map((r) => html`<tr><th scope="row">${label(r.key)}</th><td>${r.helpful.toLocaleString('vi-VN')}</td><td>${r.notHelpful.toLocaleString('vi-VN')}</td><td>${pct(r.rate)}</td></tr>`)}</tbody></table>`;
  return html`<section class="card" id="feedback"><h2>${tr('dashboard.feedback.title')}</h2>
    <p>${tr('dashboard.feedback.summary', { helpful: f.helpful.toLocaleString('vi-VN'), notHelpful: f.notHelpful.toLocaleString('vi-VN'), rate: pct(rated ? f.helpful / rated : null), none: f.noneFitted.toLocaleString('vi-VN') })}
    <a href="/admin/questions?kind=misroute">${tr('dashboard.feedback.review')}</a></p>
    ${f.entries.length ? html`<h3>${tr('dashboard.feedback.byEntry')}</h3>${rows(f.entries, labels.entry)}<h3>${tr('dashboard.feedback.byTopic')}</h3>${rows(f.topics, labels.topic)}` : ''}
  </section>`;
}

export function dashboardBody(tr: Tr, d: DashboardData, labels: Labels, printable: boolean, dead: readonly DeadLetterCount[] = []): Html {
  const t = d.totals;
  const period = `from=${d.from}&to=${d.to}`;
  const filter = html`<form method="get" class="period no-print" action="${printable ? '/admin/report' : '/admin/dashboard'}">
    <label for="from">${tr('dashboard.from')}</label> <input type="date" id="from" name="from" value="${d.from}" required>
    <label for="to">${tr('dashboard.to')}</label> <input type="date" id="to" name="to" value="${d.to}" required>
    <button type="submit">${tr('dashboard.apply')}</button>
    <a class="button" href="/admin/report.csv?${period}" download>${tr('dashboard.csv')}</a>
    ${printable ? html`<button type="button" data-print>${tr('report.print')}</button>` : html`<a class="button" href="/admin/report?${period}">${tr('dashboard.printable')}</a>`}
  </form>`;
  const kpis = html`<dl class="kpis">
    <div><dt>${tr('dashboard.conversations')}</dt><dd>${t.conversations.toLocaleString('vi-VN')}</dd></div>
    <div><dt>${tr('dashboard.messages')}</dt><dd>${t.messages.toLocaleString('vi-VN')}</dd></div>
    <div><dt>${tr('dashboard.answered')}</dt><dd>${t.answered.toLocaleString('vi-VN')}</dd></div>
    <div><dt>${tr('dashboard.clarified')}</dt><dd>${t.clarified.toLocaleString('vi-VN')}</dd></div>
    <div><dt>${tr('dashboard.fallback')}</dt><dd>${t.fallback.toLocaleString('vi-VN')}</dd></div>
    <div><dt>${tr('dashboard.fallbackRate')}</dt><dd>${pct(t.fallbackRate)}</dd></div>
    <div><dt>${tr('dashboard.handoffs')}</dt><dd>${t.handoffs.toLocaleString('vi-VN')}</dd></div>
  </dl>`;
  const chart = (title: string, svg: Html, table: Html) => html`<section class="card chart-card"><h2>${title}</h2>${svg}<details><summary>${tr('dashboard.figures')}</summary>${table}</details></section>`;
  const table = (rows: readonly { label: string; value: string | number }[]) =>
    html`<table><tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${typeof r.value === 'number' ? r.value.toLocaleString('vi-VN') : r.value}</td></tr>`)}</tbody></table>`;
  const channelName = (c: string) => tr(`channels.${c}`);
  return html`${filter}${deadLetterPanel(tr, dead)}${kpis}
  <div class="charts">
  ${chart(
    tr('dashboard.perDay'),
    stackedColumns(tr('dashboard.perDay'), d.days, CHANNELS.map((c) => ({ name: channelName(c), values: d.conversations[c] }))),
    table(CHANNELS.map((c) => ({ label: channelName(c), value: d.conversations[c].reduce((a, b) => a + b, 0) }))),
  )}
  ${chart(
    tr('dashboard.outcomes'),
    stackedColumns(tr('dashboard.outcomes'), d.days, OUTCOMES.map((o) => ({ name: tr(`outcomes.${o}`), values: d.outcomes[o] }))),
    table(OUTCOMES.map((o) => ({ label: tr(`outcomes.${o}`), value: d.outcomes[o].reduce((a, b) => a + b, 0) }))),
  )}
  ${chart(tr('dashboard.fallbackRateOverTime'), percentLine(tr('dashboard.fallbackRateOverTime'), d.days, d.fallbackRate), table(d.days.map((day, i) => ({ label: day, value: pct(d.fallbackRate[i] ?? null) })).filter((r) => r.value !== '—')))}
  ${chart(tr('dashboard.topTopics'), horizontalBars(tr('dashboard.topTopics'), d.topTopics.map((x) => ({ label: labels.topic(x.key), value: x.value }))), table(d.topTopics.map((x) => ({ label: labels.topic(x.key), value: x.value }))))}
  ${chart(tr('dashboard.topEntries'), horizontalBars(tr('dashboard.topEntries'), d.topEntries.map((x) => ({ label: labels.entry(x.key), value: x.value })), PALETTE[2]), table(d.topEntries.map((x) => ({ label: labels.entry(x.key), value: x.value }))))}
  ${chart(tr('dashboard.audiences'), horizontalBars(tr('dashboard.audiences'), d.audiences.map((x) => ({ label: labels.audience(x.key), value: x.value })), PALETTE[4]), table(d.audiences.map((x) => ({ label: labels.audience(x.key), value: x.value }))))}
  </div>
  ${feedbackPanel(tr, d, labels)}
  <h2>${tr('dashboard.funnels')}</h2>
  ${d.funnels.length === 0 ? html`<p class="muted">${tr('dashboard.noFlows')}</p>` : ''}
  <div class="charts">
  ${d.funnels.map((f) => {
    const items = [{ label: tr('dashboard.started'), value: f.started }, ...f.steps.map((s) => ({ label: labels.step(f.flowId, s.step), value: s.reached })), { label: tr('dashboard.completed'), value: f.completed }];
    const title = `${labels.flow(f.flowId)} · ${tr('dashboard.completion', { rate: pct(f.started ? f.completed / f.started : null) })}`;
    return chart(title, horizontalBars(title, items, PALETTE[1]), table(items));
  })}
  </div>
  <p class="muted">${tr('dashboard.anonymous')}</p>`;
}
