/** The unanswered-questions page: groups with their figures, nearest entries and the three actions. */
import { QUEUE_KINDS, type Language, type QueueKind } from '../../core/types.js';
import { TOPICS, AUDIENCES } from '../../knowledge/schema.js';
import type { StaffContext, Tr } from '../context.js';
import { html, type Html } from '../html.js';
import type { QuestionGroup } from '../question-groups.js';
import { formatTime } from './layout.js';

export interface GroupView extends QuestionGroup {
  /** The whole group, as the page saw it ("groupId:maxId"): what the actions act on. */
  ref: string;
  /** Distinct wordings (`wordings` may list only the most frequent). */
  wordingCount: number;
  nearest: { id: string; score: number; question: string }[];
  /** What the bot answered (misroutes and samples). */
  given?: { id: string; question: string }[];
}

/** How close an answer is, in words a clerk reads (the score and the entry id stay in the tooltip). */
const closeness = (score: number) => (score >= 0.6 ? 'high' : score >= 0.4 ? 'medium' : 'low');

const csrf = (staff: StaffContext) => html`<input type="hidden" name="_csrf" value="${staff.csrf}">`;

export interface QueuePage {
  questions: number;
  groups: number;
  page: number;
  pages: number;
  kind: QueueKind;
  /** Open questions of each kind, for the tabs. */
  counts: Record<QueueKind, number>;
  /** Questions of this kind the grouper has not placed yet (shown once grouped). */
  waiting: number;
}

/** One tab per kind of question: not answered, answered but not right, answered with doubt. */
function tabs(tr: Tr, p: QueuePage): Html {
  return html`<nav class="tabs" aria-label="${tr('questions.kinds.label')}">${QUEUE_KINDS.map((k) =>
    k === p.kind
      ? html`<strong aria-current="page">${tr(`questions.kinds.${k}`)} (${p.counts[k]})</strong>`
      : html`<a href="/admin/questions?kind=${k}">${tr(`questions.kinds.${k}`)} (${p.counts[k]})</a>`,
  )}</nav><p class="hint">${tr(`questions.kindHints.${p.kind}`)}</p>`;
}

/** Links to the other pages of the queue, keeping the search. */
function pager(tr: Tr, p: QueuePage, query: string): Html | string {
  if (p.pages <= 1) return '';
  const href = (n: number) => `/admin/questions?kind=${p.kind}&page=${n}${query ? `&q=${encodeURIComponent(query)}` : ''}`;
  return html`<nav class="pager" aria-label="${tr('questions.pages')}">
    ${p.page > 1 ? html`<a class="button" href="${href(p.page - 1)}" rel="prev">${tr('questions.previous')}</a>` : ''}
    <span>${tr('questions.pageOf', { page: p.page, pages: p.pages })}</span>
    ${p.page < p.pages ? html`<a class="button" href="${href(p.page + 1)}" rel="next">${tr('questions.next')}</a>` : ''}
  </nav>`;
}

export function questionsBody(tr: Tr, lang: Language, staff: StaffContext, groups: readonly GroupView[], p: QueuePage, query: string, entryOptions: readonly { id: string; question: string }[]): Html {
  const search = html`${tabs(tr, p)}<form method="get" action="/admin/questions" class="search" role="search"><input type="hidden" name="kind" value="${p.kind}">
    <label for="q">${tr('questions.search')}</label> <input id="q" name="q" value="${query}" maxlength="200"> <button type="submit">${tr('questions.searchButton')}</button></form>`;
  const waiting = p.waiting > 0 ? html`<p class="hint" role="status">${tr('questions.waiting', { count: p.waiting })}</p>` : '';
  if (groups.length === 0) return html`${search}${waiting}<p>${query ? tr('questions.noMatch') : tr('questions.empty')}</p>`;
  return html`${search}${waiting}<p>${tr('questions.summary', { questions: p.questions, groups: p.groups })}</p>${pager(tr, p, query)}
  <datalist id="entry-ids">${entryOptions.map((e) => html`<option value="${e.id}">${e.question}</option>`)}</datalist>
  ${groups.map((g, n) => {
    const ids = g.ids.join(',');
    const chosen = html`${ids ? html`<input type="hidden" name="ids" value="${ids}">` : ''}<input type="hidden" name="group" value="${g.ref}">`;
    return html`<section class="card group" aria-labelledby="g${n}">
      <h2 id="g${n}" class="question-text">${g.text}</h2>
      <p class="meta"><strong>${tr('questions.count', { count: g.count })}</strong> · ${tr('questions.firstSeen')} ${formatTime(g.firstSeen, lang)} · ${tr('questions.lastSeen')} ${formatTime(g.lastSeen, lang)} · ${tr('questions.channels')}: ${g.channels.join(', ')}</p>
      ${g.wordingCount > 1 ? html`<details><summary>${tr('questions.wordings', { count: g.wordingCount })}</summary><ul>${g.wordings.slice(0, 20).map((w) => html`<li class="question-text">${w.text}${w.count > 1 ? html` <span class="muted">×${w.count}</span>` : ''}</li>`)}</ul></details>` : ''}
      ${g.given?.length ? html`<p class="given"><strong>${tr('questions.given')}:</strong> ${g.given.map((e) => html`<a href="/admin/entries/${e.id}" title="${tr('questions.editGiven')}">${e.question}</a> `)}</p>` : ''}
      <h3>${tr('questions.nearest')}</h3>
      ${g.nearest.length === 0 ? html`<p class="muted">${tr('questions.noNearest')}</p>` : ''}
      <ul class="nearest">${g.nearest.map(
        (m) => html`<li><form method="post" action="/admin/questions/attach" class="inline">${csrf(staff)}${chosen}<input type="hidden" name="entry" value="${m.id}">
          <span class="closeness" title="${tr('questions.score')}: ${m.score.toFixed(2)} · ${m.id}">${tr(`questions.closeness.${closeness(m.score)}`)}</span> ${m.question}
          <button type="submit">${tr('questions.attach')}</button></form></li>`,
      )}</ul>
      <div class="actions">
        <form method="post" action="/admin/questions/attach" class="inline">${csrf(staff)}${chosen}
          <label for="other${n}">${tr('questions.attachOther')}</label>
          <input id="other${n}" name="entry" list="entry-ids" required maxlength="80" placeholder="vol-what-is">
          <button type="submit">${tr('questions.attach')}</button></form>
        <a class="button" href="/admin/questions/new?ids=${ids}&amp;group=${g.ref}">${tr('questions.newEntry')}</a>
        <form method="post" action="/admin/questions/dismiss" class="inline">${csrf(staff)}${chosen}
          <label for="why${n}">${tr('questions.dismissAs')}</label>
          <select id="why${n}" name="reason"><option value="out-of-scope">${tr('questions.reasons.out-of-scope')}</option><option value="spam">${tr('questions.reasons.spam')}</option><option value="duplicate">${tr('questions.reasons.duplicate')}</option></select>
          <button type="submit" class="secondary">${tr('questions.dismiss')}</button></form>
      </div>
    </section>`;
  })}${pager(tr, p, query)}`;
}

export interface EntryDraft {
  ids: string;
  /** A whole group ("groupId:maxId"), for a group too big to list its ids. */
  group: string;
  id: string;
  topic: string;
  audiences: string[];
  questions: string;
  answer: string;
  legalBasis: string;
  sourceUrl: string;
}

export function newEntryBody(tr: Tr, staff: StaffContext, draft: EntryDraft, problem?: string): Html {
  return html`<form method="post" action="/admin/questions/new" class="card entry-form">${csrf(staff)}
    ${problem ? html`<p class="error" role="alert">${tr('newEntry.problem')}: ${problem}</p>` : ''}
    <input type="hidden" name="ids" value="${draft.ids}"><input type="hidden" name="group" value="${draft.group}">
    <label for="questions">${tr('newEntry.questions')}</label>
    <p class="hint" id="questions-hint">${tr('newEntry.questionsHint')}</p>
    <textarea id="questions" name="questions" rows="5" required aria-describedby="questions-hint">${draft.questions}</textarea>
    <label for="answer">${tr('newEntry.answer')}</label>
    <p class="hint" id="answer-hint">${tr('newEntry.answerHint')}</p>
    <textarea id="answer" name="answer" rows="8" required maxlength="1500" aria-describedby="answer-hint">${draft.answer}</textarea>
    <label for="topic">${tr('newEntry.topic')}</label>
    <select id="topic" name="topic" required>${TOPICS.map((t) => html`<option value="${t}"${t === draft.topic ? html` selected` : ''}>${tr(`topics.${t}`)}</option>`)}</select>
    <fieldset><legend>${tr('newEntry.audiences')}</legend>${AUDIENCES.map(
      (a) => html`<label class="check"><input type="checkbox" name="audiences" value="${a}"${draft.audiences.includes(a) ? html` checked` : ''}> ${tr(`audiences.${a}`)}</label>`,
    )}</fieldset>
    <label for="legal">${tr('newEntry.legalBasis')}</label><input id="legal" name="legal_basis" required maxlength="500" value="${draft.legalBasis}">
    <label for="source">${tr('newEntry.sourceUrl')}</label><input id="source" name="source_url" type="url" required placeholder="https://…" value="${draft.sourceUrl}">
    <label for="id">${tr('newEntry.id')}</label>
    <p class="hint" id="id-hint">${tr('newEntry.idHint')}</p>
    <input id="id" name="id" required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxlength="40" value="${draft.id}" aria-describedby="id-hint">
    <button type="submit">${staff.role === 'admin' ? tr('newEntry.save') : tr('entries.propose')}</button> <a href="/admin/questions">${tr('newEntry.cancel')}</a>
  </form>`;
}
