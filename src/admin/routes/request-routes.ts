/**
 * Questions people left for staff (talk-to-staff flow), by status: new, answered, closed. Each shows the
 * conversation so far and a reply box: the reply reaches the person on the channel they used (Telegram at
 * once, Zalo inside its 7-day window, the web chat when the page next asks), and they can answer back.
 */
import type { FastifyInstance } from 'fastify';
import { ZALO_WINDOW_MS } from '../../channels/staff-replies.js';
import type { StaffRequest } from '../../storage/sqlite/staff-queue.js';
import type { ConsoleDeps } from '../console.js';
import { field, positiveId, redirect } from '../context.js';
import { html } from '../html.js';
import { formatTime } from '../views/layout.js';
import { sendPage } from './render.js';

const STATUSES: readonly StaffRequest['status'][] = ['new', 'answered', 'closed'];
const isStatus = (s: unknown): s is StaffRequest['status'] => typeof s === 'string' && (STATUSES as readonly string[]).includes(s);
const DONE = ['sent-telegram', 'sent-zalo', 'sent-web'];

export function registerRequestRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  admin.get<{ Querystring: { status?: string; done?: string; problem?: string } }>('/requests', async (request, reply) => {
    const status = isStatus(request.query.status) ? request.query.status : 'new';
    const list = deps.staffQueue.list(status, 500);
    const staff = request.staff!;
    const csrf = html`<input type="hidden" name="_csrf" value="${staff.csrf}">`;
    const done = request.query.done ?? '';
    const problem = request.query.problem ?? '';
    return sendPage(request, reply, deps.t, (tr, lang) => ({
      title: tr('requests.title'),
      ...(DONE.includes(done) ? { flash: tr(`requests.done.${done}`) } : {}),
      body: html`${['window-closed', 'empty', 'no-address', 'not-found'].includes(problem) ? html`<p class="error" role="alert">${tr(`requests.problems.${problem}`)}</p>` : ''}
      <nav class="tabs" aria-label="${tr('requests.filter')}">${STATUSES.map(
        (s) => html`<a href="/admin/requests?status=${s}"${s === status ? html` aria-current="page"` : ''}>${tr(`requests.status.${s}`)}</a>`,
      )}</nav>
      ${list.length === 0 ? html`<p>${tr('requests.empty')}</p>` : ''}
      ${list.map((r) => {
        const thread = deps.staffThreads.thread(r.id);
        const to = deps.staffThreads.address(r.id);
        const zaloClosed = r.channel === 'zalo' && to !== undefined && deps.now() - to.lastContactAt > ZALO_WINDOW_MS;
        return html`<section class="card request" id="r${r.id}">
          <p class="question-text">${r.question}</p>
          <p class="meta">${formatTime(r.createdAt, lang)} · ${tr(`channels.${r.channel}`)} · ${r.contact ? html`${tr('requests.contact')}: <span class="question-text">${r.contact}</span>` : tr('requests.noContact')}</p>
          ${thread.length ? html`<ol class="thread">${thread.map(
            (m) => html`<li class="${m.author}"><span class="meta">${formatTime(m.createdAt, lang)} · ${m.author === 'staff' ? m.staff ?? '' : tr('requests.citizen')}${m.author === 'staff' && !m.delivered ? html` · ${tr('requests.notYetSeen')}` : ''}</span><p class="question-text">${m.text}</p></li>`,
          )}</ol>` : ''}
          ${zaloClosed ? html`<p class="muted">${tr('requests.zaloClosed')}</p>` : html`<form method="post" action="/admin/requests/${r.id}/reply" class="reply">${csrf}
            <label for="reply${r.id}">${tr('requests.reply')}</label>
            <p class="hint">${tr(`requests.replyHint.${r.channel}`)}</p>
            <textarea id="reply${r.id}" name="text" rows="4" maxlength="2000" required></textarea>
            <button type="submit">${tr('requests.send')}</button></form>`}
          <form method="post" action="/admin/requests/${r.id}/status" class="inline">${csrf}
            <label for="s${r.id}">${tr('requests.setStatus')}</label>
            <select id="s${r.id}" name="status">${STATUSES.map((s) => html`<option value="${s}"${s === r.status ? html` selected` : ''}>${tr(`requests.status.${s}`)}</option>`)}</select>
            <button type="submit" class="secondary">${tr('requests.save')}</button></form>
        </section>`;
      })}`,
    }));
  });

  const bad = (request: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1], status: 400 | 404) =>
    sendPage(request, reply, deps.t, (tr) => ({ title: tr(status === 400 ? 'errors.badRequest' : 'errors.notFound'), body: html`<p><a href="/admin/requests">${tr('requests.title')}</a></p>` }), status);
  admin.post<{ Params: { id: string } }>('/requests/:id/status', async (request, reply) => {
    const id = positiveId(request.params.id);
    const status = field(request.body, 'status');
    if (id === undefined || !isStatus(status)) return bad(request, reply, 400);
    if (!deps.staffQueue.setStatus(id, status, deps.now())) return bad(request, reply, 404);
    return redirect(reply, `/admin/requests?status=${status}`);
  });

  admin.post<{ Params: { id: string } }>('/requests/:id/reply', async (request, reply) => {
    const id = positiveId(request.params.id);
    if (id === undefined) return bad(request, reply, 400);
    const result = deps.staffReplies.reply(id, request.staff!.name, field(request.body, 'text'));
    if (!result.ok) return result.problem === 'not-found' ? bad(request, reply, 404) : redirect(reply, `/admin/requests?problem=${result.problem}`);
    return redirect(reply, `/admin/requests?status=answered&done=sent-${result.via}`);
  });
}
