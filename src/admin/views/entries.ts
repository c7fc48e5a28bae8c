/** The knowledge pages: every entry with search and topic filter, and one entry as the citizen sees it, editable. */
import type { StoredChange } from '../../knowledge/change-log.js';
import { TOPICS, type KnowledgeEntry } from '../../knowledge/schema.js';
import { displayDay } from '../../core/vietnam-calendar.js';
import type { Language } from '../../core/types.js';
import type { StaffContext, Tr } from '../context.js';
import { html, type Html } from '../html.js';
import { formatTime } from './layout.js';

const csrf = (staff: StaffContext) => html`<input type="hidden" name="_csrf" value="${staff.csrf}">`;

export interface EntryRow {
  entry: KnowledgeEntry;
  stale: boolean;
  pending: number;
}

export function entriesBody(tr: Tr, rows: readonly EntryRow[], total: number, query: string, topic: string): Html {
  return html`<form method="get" action="/admin/entries" class="search" role="search">
    <label for="q">${tr('entries.search')}</label> <input id="q" name="q" value="${query}" maxlength="200">
    <label for="topic">${tr('entries.topic')}</label> <select id="topic" name="topic"><option value="">${tr('entries.allTopics')}</option>${TOPICS.map(
      (t) => html`<option value="${t}"${t === topic ? html` selected` : ''}>${tr(`topics.${t}`)}</option>`,
    )}</select>
    <button type="submit">${tr('questions.searchButton')}</button></form>
  <p>${tr('entries.summary', { shown: rows.length, total })}</p>
  <table class="entries"><thead><tr><th scope="col">${tr('entries.question')}</th><th scope="col">${tr('entries.topic')}</th><th scope="col">${tr('entries.reviewed')}</th></tr></thead><tbody>
  ${rows.map(
    ({ entry: e, stale, pending }) => html`<tr><td><a href="/admin/entries/${e.id}">${e.questions[0]}</a>${pending ? html` <span class="badge">${tr('entries.pending', { count: pending })}</span>` : ''}</td>
      <td>${tr(`topics.${e.topic}`)}</td><td>${displayDay(e.reviewed)}${stale ? html` <span class="badge warning">${tr('entries.stale')}</span>` : ''}</td></tr>`,
  )}</tbody></table>`;
}

export interface EntryPage {
  entry: KnowledgeEntry;
  history: readonly StoredChange[];
  helpful: { helpful: number; notHelpful: number };
  /** Shown after a save: live, or waiting for an admin. */
  problem?: string;
}

/** What a change did, in a line. */
export function describeChange(tr: Tr, c: StoredChange): Html {
  switch (c.kind) {
    case 'attach':
      return html`${tr('knowledge.attached', { count: c.questions.length })}<ul>${c.questions.map((q) => html`<li class="question-text">${q}</li>`)}</ul>`;
    case 'entry':
      return html`${tr('knowledge.newEntry')}`;
    case 'edit':
      return html`${tr('knowledge.edited', { fields: Object.keys(c.fields).map((f) => tr(`entries.fields.${f}`)).join(', ') })}${c.fields.answer ? html`<blockquote class="answer-text">${c.fields.answer}</blockquote>` : ''}`;
    case 'retire':
      return html`${tr('knowledge.retired')}`;
  }
}

export function statusOf(tr: Tr, c: StoredChange): string {
  if (c.reverted) return tr('knowledge.status.reverted');
  return tr(`knowledge.status.${c.status ?? 'live'}`);
}

export function entryBody(tr: Tr, lang: Language, staff: StaffContext, p: EntryPage): Html {
  const e = p.entry;
  const rated = p.helpful.helpful + p.helpful.notHelpful;
  const admin = staff.role === 'admin';
  return html`${p.problem ? html`<p class="error" role="alert">${tr('newEntry.problem')}: ${p.problem}</p>` : ''}
  <section class="card"><h2>${tr('entries.asSeen')}</h2>
    <div class="answer-text citizen-view">${e.answer}</div>
    <p class="meta">${tr('entries.basisLine', { basis: e.legal_basis })}<br>${tr('entries.sourceLine', { date: displayDay(e.reviewed) })} <a href="${e.source_url}" rel="noopener noreferrer">${e.source_url}</a></p>
    <p class="meta">${tr('entries.topic')}: ${tr(`topics.${e.topic}`)} · <code>${e.id}</code> · ${rated ? tr('entries.helpfulRate', { helpful: p.helpful.helpful, rated, rate: `${((100 * p.helpful.helpful) / rated).toFixed(0)}%` }) : tr('entries.noRatings')}</p>
  </section>
  <form method="post" action="/admin/entries/${e.id}" class="card entry-form">${csrf(staff)}
    <h2>${tr('entries.edit')}</h2>
    <p class="hint">${admin ? tr('entries.adminHint') : tr('entries.reviewerHint')}</p>
    <label for="answer">${tr('newEntry.answer')}</label>
    <textarea id="answer" name="answer" rows="8" required maxlength="1500">${e.answer}</textarea>
    <label for="legal">${tr('newEntry.legalBasis')}</label><input id="legal" name="legal_basis" required maxlength="500" value="${e.legal_basis}">
    <label for="source">${tr('newEntry.sourceUrl')}</label><input id="source" name="source_url" type="url" required value="${e.source_url}">
    <label for="questions">${tr('entries.questions')}</label>
    <textarea id="questions" name="questions" rows="${Math.min(14, e.questions.length + 2)}" required>${e.questions.join('\n')}</textarea>
    <label for="answer_en">${tr('entries.answerEn')}</label>
    <textarea id="answer_en" name="answer_en" rows="6" maxlength="1500">${e.answer_en ?? ''}</textarea>
    <label for="questions_en">${tr('entries.questionsEn')}</label>
    <textarea id="questions_en" name="questions_en" rows="${Math.min(14, (e.questions_en?.length ?? 0) + 2)}">${(e.questions_en ?? []).join('\n')}</textarea>
    <label class="check"><input type="checkbox" name="reviewed_today" value="1" checked> ${tr('entries.reviewedToday')}</label>
    <button type="submit">${admin ? tr('entries.save') : tr('entries.propose')}</button>
  </form>
  <form method="post" action="/admin/entries/${e.id}/retire" class="inline">${csrf(staff)}
    <button type="submit" class="secondary" data-confirm="${tr('entries.retireConfirm')}">${admin ? tr('entries.retire') : tr('entries.proposeRetire')}</button></form>
  <h2>${tr('entries.history')}</h2>
  ${p.history.length === 0 ? html`<p class="muted">${tr('entries.noHistory')}</p>` : ''}
  <table class="changes"><thead><tr><th scope="col">${tr('knowledge.when')}</th><th scope="col">${tr('knowledge.who')}</th><th scope="col">${tr('knowledge.what')}</th><th scope="col">${tr('knowledge.state')}</th></tr></thead><tbody>
  ${p.history.map(
    (c) => html`<tr><td>${formatTime(c.createdAt, lang)}</td><td>${c.staff}</td><td>${describeChange(tr, c)}</td>
      <td>${statusOf(tr, c)}${c.decidedBy ? html`<br><span class="muted">${c.decidedBy}${c.note ? html`: ${c.note}` : ''}</span>` : ''}</td></tr>`,
  )}</tbody></table>`;
}
