/** The log of what staff taught the bot: list, YAML export for review, and (admins) revert. */
import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../console.js';
import { redirect } from '../context.js';
import { html } from '../html.js';
import { formatTime } from '../views/layout.js';
import { refuseUnlessAdmin, sendPage } from './render.js';

export function registerKnowledgeRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  admin.get('/knowledge', async (request, reply) => {
    const changes = deps.knowledge.changes().reverse();
    const staff = request.staff!;
    return sendPage(request, reply, deps.t, (tr, lang) => ({
      title: tr('knowledge.title'),
      body: html`<p>${tr('knowledge.intro')}</p>
      <p><a class="button" href="/admin/knowledge/export.yaml" download>${tr('knowledge.export')}</a></p>
      ${changes.length === 0 ? html`<p class="muted">${tr('knowledge.empty')}</p>` : ''}
      <table class="changes"><thead><tr><th scope="col">${tr('knowledge.when')}</th><th scope="col">${tr('knowledge.who')}</th><th scope="col">${tr('knowledge.what')}</th><th scope="col"></th></tr></thead><tbody>
      ${changes.map(
        (c) => html`<tr><td>${formatTime(c.createdAt, lang)}</td><td>${c.staff}</td>
          <td>${c.kind === 'attach' ? html`${tr('knowledge.attached', { count: c.questions.length })} <code>${c.entryId}</code><ul>${c.questions.map((q) => html`<li class="question-text">${q}</li>`)}</ul>` : html`${tr('knowledge.newEntry')} <code>${c.entryId}</code>`}</td>
          <td>${staff.role === 'admin' ? html`<form method="post" action="/admin/knowledge/${c.id}/revert" class="inline"><input type="hidden" name="_csrf" value="${staff.csrf}"><button type="submit" class="secondary" data-confirm="${tr('knowledge.revertConfirm')}">${tr('knowledge.revert')}</button></form>` : ''}</td></tr>`,
      )}</tbody></table>`,
    }));
  });

  admin.get('/knowledge/export.yaml', async (_request, reply) =>
    reply.type('text/yaml; charset=utf-8').header('content-disposition', 'attachment; filename="staff-knowledge-changes.yaml"').send(deps.knowledge.exportYaml(deps.now())),
  );

  admin.post<{ Params: { id: string } }>('/knowledge/:id/revert', async (request, reply) => {
    if (refuseUnlessAdmin(request, reply, deps.t)) return reply;
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0 || !deps.knowledge.revert(id)) {
      return sendPage(request, reply, deps.t, (tr) => ({ title: tr('errors.notFound'), body: html`<p><a href="/admin/knowledge">${tr('knowledge.title')}</a></p>` }), 404);
    }
    return redirect(reply, '/admin/knowledge');
  });
}
