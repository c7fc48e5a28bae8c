/** Questions people left for staff (talk-to-staff flow), by status: new, answered, closed. */
import type { FastifyInstance } from 'fastify';
import type { StaffRequest } from '../../storage/sqlite/staff-queue.js';
import type { ConsoleDeps } from '../console.js';
import { field, redirect } from '../context.js';
import { html } from '../html.js';
import { formatTime } from '../views/layout.js';
import { sendPage } from './render.js';

const STATUSES: readonly StaffRequest['status'][] = ['new', 'answered', 'closed'];
const isStatus = (s: unknown): s is StaffRequest['status'] => typeof s === 'string' && (STATUSES as readonly string[]).includes(s);

export function registerRequestRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  admin.get<{ Querystring: { status?: string } }>('/requests', async (request, reply) => {
    const status = isStatus(request.query.status) ? request.query.status : 'new';
    const list = deps.staffQueue.list(status, 500);
    const staff = request.staff!;
    return sendPage(request, reply, deps.t, (tr, lang) => ({
      title: tr('requests.title'),
      body: html`<nav class="tabs" aria-label="${tr('requests.filter')}">${STATUSES.map(
        (s) => html`<a href="/admin/requests?status=${s}"${s === status ? html` aria-current="page"` : ''}>${tr(`requests.status.${s}`)}</a>`,
      )}</nav>
      ${list.length === 0 ? html`<p>${tr('requests.empty')}</p>` : ''}
      ${list.map(
        (r) => html`<section class="card">
          <p class="question-text">${r.question}</p>
          <p class="meta">${formatTime(r.createdAt, lang)} · ${r.channel} · ${r.contact ? html`${tr('requests.contact')}: <span class="question-text">${r.contact}</span>` : tr('requests.noContact')}</p>
          <form method="post" action="/admin/requests/${r.id}/status" class="inline"><input type="hidden" name="_csrf" value="${staff.csrf}">
            <label for="s${r.id}">${tr('requests.setStatus')}</label>
            <select id="s${r.id}" name="status">${STATUSES.map((s) => html`<option value="${s}"${s === r.status ? html` selected` : ''}>${tr(`requests.status.${s}`)}</option>`)}</select>
            <button type="submit">${tr('requests.save')}</button></form>
        </section>`,
      )}`,
    }));
  });

  admin.post<{ Params: { id: string } }>('/requests/:id/status', async (request, reply) => {
    const id = Number(request.params.id);
    const status = field(request.body, 'status');
    if (!Number.isSafeInteger(id) || id <= 0 || !isStatus(status)) {
      return sendPage(request, reply, deps.t, (tr) => ({ title: tr('errors.badRequest'), body: html`<p><a href="/admin/requests">${tr('requests.title')}</a></p>` }), 400);
    }
    if (!deps.staffQueue.setStatus(id, status, deps.now())) {
      return sendPage(request, reply, deps.t, (tr) => ({ title: tr('errors.notFound'), body: html`<p><a href="/admin/requests">${tr('requests.title')}</a></p>` }), 404);
    }
    return redirect(reply, `/admin/requests?status=${status}`);
  });
}
