/** Staff accounts (admins only): list, add, remove. The command line does the same (npm run admin). */
import type { FastifyInstance } from 'fastify';
import { passwordProblem } from '../auth/password.js';
import { staffNameProblem } from '../auth/staff-names.js';
import type { ConsoleDeps } from '../console.js';
import { field, languageOf, redirect, translatorFor } from '../context.js';
import { html } from '../html.js';
import { formatTime } from '../views/layout.js';
import { refuseUnlessAdmin, sendPage } from './render.js';

export function registerUserRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  const show = (request: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1], problem?: string, status = 200) => {
    const staff = request.staff!;
    return sendPage(
      request,
      reply,
      deps.t,
      (tr, lang) => ({
        title: tr('users.title'),
        body: html`${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
        <table><thead><tr><th scope="col">${tr('users.name')}</th><th scope="col">${tr('users.role')}</th><th scope="col">${tr('users.created')}</th><th scope="col"></th></tr></thead><tbody>
        ${deps.accounts.list().map(
          (a) => html`<tr><td>${a.name}</td><td>${tr(`roles.${a.role}`)}</td><td>${formatTime(a.createdAt, lang)}</td>
            <td>${a.name === staff.name ? '' : html`<form method="post" action="/admin/users/remove" class="inline"><input type="hidden" name="_csrf" value="${staff.csrf}"><input type="hidden" name="name" value="${a.name}"><button type="submit" class="secondary" data-confirm="${tr('users.removeConfirm')}">${tr('users.remove')}</button></form>`}</td></tr>`,
        )}</tbody></table>
        <h2>${tr('users.add')}</h2>
        <form method="post" action="/admin/users" class="card narrow"><input type="hidden" name="_csrf" value="${staff.csrf}">
          <label for="name">${tr('users.name')}</label><input id="name" name="name" required maxlength="64" autocomplete="off">
          <label for="role">${tr('users.role')}</label><select id="role" name="role"><option value="reviewer">${tr('roles.reviewer')}</option><option value="admin">${tr('roles.admin')}</option></select>
          <label for="password">${tr('users.password')}</label><input id="password" name="password" type="password" required minlength="10" maxlength="256" autocomplete="new-password">
          <button type="submit">${tr('users.add')}</button></form>`,
      }),
      status,
    );
  };

  admin.get('/users', async (request, reply) => (refuseUnlessAdmin(request, reply, deps.t) ? reply : show(request, reply)));

  admin.post('/users', async (request, reply) => {
    if (refuseUnlessAdmin(request, reply, deps.t)) return reply;
    const tr = translatorFor(deps.t, languageOf(request));
    const name = field(request.body, 'name').trim();
    const role = field(request.body, 'role');
    const password = field(request.body, 'password');
    const nameProblem = staffNameProblem(name, deps.accounts.list().map((a) => a.name));
    if (nameProblem) return show(request, reply, tr(nameProblem === 'bad-name' ? 'users.badName' : 'users.lookAlike'), 400);
    if (role !== 'admin' && role !== 'reviewer') return show(request, reply, tr('users.badRole'), 400);
    if (passwordProblem(password)) return show(request, reply, tr('users.badPassword'), 400);
    if (!deps.accounts.add(name, role, await deps.hashPassword(password), deps.now())) return show(request, reply, tr('users.taken'), 409);
    return redirect(reply, '/admin/users');
  });

  admin.post('/users/remove', async (request, reply) => {
    if (refuseUnlessAdmin(request, reply, deps.t)) return reply;
    const name = field(request.body, 'name');
    if (name !== request.staff!.name) deps.accounts.remove(name);
    return redirect(reply, '/admin/users');
  });
}
