/**
 * The knowledge change log: reviewers' proposals waiting for an admin (approve or reject, with a note), the
 * history of every change with who made and who decided it, YAML export for review, and (admins) revert.
 */
import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../console.js';
import { field, positiveId, redirect } from '../context.js';
import { html } from '../html.js';
import { describeChange, statusOf } from '../views/entries.js';
import { formatTime } from '../views/layout.js';
import { refuseUnlessAdmin, sendPage } from './render.js';

const entryLink = (id: string) => html`<a href="/admin/entries/${id}"><code>${id}</code></a>`;

export function registerKnowledgeRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  admin.get<{ Querystring: { done?: string; problem?: string } }>('/knowledge', async (request, reply) => {
    const staff = request.staff!;
    const proposals = deps.knowledge.proposals();
    const changes = deps.knowledge.recent(200);
    const csrf = html`<input type="hidden" name="_csrf" value="${staff.csrf}">`;
    const done = request.query.done ?? '';
    return sendPage(request, reply, deps.t, (tr, lang) => ({
      title: tr('knowledge.title'),
      ...(['approved', 'rejected'].includes(done) ? { flash: tr(`knowledge.done.${done}`) } : {}),
      body: html`<p>${tr('knowledge.intro')}</p>
      ${typeof request.query.problem === 'string' ? html`<p class="error" role="alert">${tr('newEntry.problem')}: ${request.query.problem.slice(0, 300)}</p>` : ''}
      <h2>${tr('knowledge.proposals', { count: proposals.length })}</h2>
      ${proposals.length === 0 ? html`<p class="muted">${tr('knowledge.noProposals')}</p>` : ''}
      ${proposals.map(
        (c) => html`<section class="card proposal"><p class="meta">${formatTime(c.createdAt, lang)} · ${c.staff} · ${entryLink(c.entryId)}</p>${describeChange(tr, c)}
        ${
          staff.role === 'admin'
            ? html`<form method="post" action="/admin/knowledge/${c.id}/decide" class="inline">${csrf}
            <label for="note${c.id}">${tr('knowledge.note')}</label> <input id="note${c.id}" name="note" maxlength="300">
            <button type="submit" name="decision" value="approve">${tr('knowledge.approve')}</button>
            <button type="submit" name="decision" value="reject" class="secondary">${tr('knowledge.reject')}</button></form>`
            : html`<p class="muted">${tr('knowledge.waiting')}</p>`
        }</section>`,
      )}
      <h2>${tr('knowledge.historyTitle')}</h2>
      <p><a class="button" href="/admin/knowledge/export.yaml" download>${tr('knowledge.export')}</a></p>
      ${changes.length === 0 ? html`<p class="muted">${tr('knowledge.empty')}</p>` : ''}
      <table class="changes"><thead><tr><th scope="col">${tr('knowledge.when')}</th><th scope="col">${tr('knowledge.who')}</th><th scope="col">${tr('knowledge.what')}</th><th scope="col">${tr('knowledge.state')}</th><th scope="col"></th></tr></thead><tbody>
      ${changes.map(
        (c) => html`<tr><td>${formatTime(c.createdAt, lang)}</td><td>${c.staff}</td><td>${entryLink(c.entryId)} ${describeChange(tr, c)}</td>
          <td>${statusOf(tr, c)}${c.decidedBy ? html`<br><span class="muted">${c.decidedBy}${c.note ? html`: ${c.note}` : ''}</span>` : ''}</td>
          <td>${staff.role === 'admin' && c.status === 'live' && !c.reverted ? html`<form method="post" action="/admin/knowledge/${c.id}/revert" class="inline">${csrf}<button type="submit" class="secondary" data-confirm="${tr('knowledge.revertConfirm')}">${tr('knowledge.revert')}</button></form>` : ''}</td></tr>`,
      )}</tbody></table>`,
    }));
  });

  admin.get('/knowledge/export.yaml', async (_request, reply) =>
    reply.type('text/yaml; charset=utf-8').header('content-disposition', 'attachment; filename="staff-knowledge-changes.yaml"').send(deps.knowledge.exportYaml(deps.now())),
  );

  const notFound = (request: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1]) =>
    sendPage(request, reply, deps.t, (tr) => ({ title: tr('errors.notFound'), body: html`<p><a href="/admin/knowledge">${tr('knowledge.title')}</a></p>` }), 404);

  admin.post<{ Params: { id: string } }>('/knowledge/:id/decide', async (request, reply) => {
    if (refuseUnlessAdmin(request, reply, deps.t)) return reply;
    const id = positiveId(request.params.id);
    if (id === undefined) return notFound(request, reply);
    const note = field(request.body, 'note').trim().slice(0, 300);
    const decision = field(request.body, 'decision');
    if (decision === 'reject') {
      return deps.knowledge.reject(id, request.staff!.name, note, deps.now()) ? redirect(reply, '/admin/knowledge?done=rejected') : notFound(request, reply);
    }
    if (decision !== 'approve') return notFound(request, reply);
    const result = deps.knowledge.approve(id, request.staff!.name, note, deps.now());
    if (!result.ok) return result.problem === 'not-a-proposal' ? notFound(request, reply) : redirect(reply, `/admin/knowledge?problem=${encodeURIComponent(result.problem)}`);
    return redirect(reply, '/admin/knowledge?done=approved');
  });

  admin.post<{ Params: { id: string } }>('/knowledge/:id/revert', async (request, reply) => {
    if (refuseUnlessAdmin(request, reply, deps.t)) return reply;
    const id = positiveId(request.params.id);
    if (id === undefined || !deps.knowledge.revert(id)) return notFound(request, reply);
    return redirect(reply, '/admin/knowledge');
  });
}
