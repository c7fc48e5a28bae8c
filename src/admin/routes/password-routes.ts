/** A staff member's own password: the current one, then the new one twice. Every other session of theirs ends. */
import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../console.js';
import { cookies, field, languageOf, SESSION_COOKIE, translatorFor } from '../context.js';
import { html } from '../html.js';
import { sendPage } from './render.js';

export function registerPasswordRoutes(admin: FastifyInstance, deps: ConsoleDeps): void {
  const show = (request: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1], message?: { text: string; ok: boolean }, status = 200) => {
    const staff = request.staff!;
    return sendPage(
      request,
      reply,
      deps.t,
      (tr) => ({
        title: tr('password.title'),
        ...(message?.ok ? { flash: message.text } : {}),
        body: html`${message && !message.ok ? html`<p class="error" role="alert">${message.text}</p>` : ''}
        <form method="post" action="/admin/password" class="card narrow"><input type="hidden" name="_csrf" value="${staff.csrf}">
          <input type="text" name="username" value="${staff.name}" autocomplete="username" hidden>
          <label for="current">${tr('password.current')}</label><input id="current" name="current" type="password" required maxlength="256" autocomplete="current-password">
          <label for="next">${tr('password.next')}</label><input id="next" name="next" type="password" required minlength="10" maxlength="256" autocomplete="new-password">
          <label for="again">${tr('password.again')}</label><input id="again" name="again" type="password" required minlength="10" maxlength="256" autocomplete="new-password">
          <button type="submit">${tr('password.save')}</button></form>`,
      }),
      status,
    );
  };

  admin.get('/password', async (request, reply) => show(request, reply));

  admin.post('/password', async (request, reply) => {
    const tr = translatorFor(deps.t, languageOf(request));
    const next = field(request.body, 'next').slice(0, 256);
    if (next !== field(request.body, 'again').slice(0, 256)) return show(request, reply, { text: tr('password.mismatch'), ok: false }, 400);
    const result = await deps.auth.changePassword(request.staff!.name, field(request.body, 'current').slice(0, 256), next, request.ip, cookies(request)[SESSION_COOKIE] ?? '');
    switch (result.kind) {
      case 'ok':
        return show(request, reply, { text: tr('password.done'), ok: true });
      case 'weak':
        return show(request, reply, { text: tr('users.badPassword'), ok: false }, 400);
      case 'wrong':
        return show(request, reply, { text: tr('password.wrong'), ok: false }, 401);
      case 'blocked': {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        reply.header('retry-after', String(seconds));
        return show(request, reply, { text: tr('login.blocked', { minutes: Math.ceil(seconds / 60) }), ok: false }, 429);
      }
    }
  });
}
