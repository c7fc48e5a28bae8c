/**
 * Sign-in and sign-out. The sign-in form carries a CSRF token too (a random value in a SameSite=Strict cookie,
 * repeated in the form), so that no other site can sign a browser in or probe passwords through it; the route
 * has a per-address request limit on top of the sign-in limiter's own rules (see auth/login-limiter.ts).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOGIN_PER_MINUTE } from '../../http/server.js';
import { sameSecret } from '../auth/staff-auth.js';
import type { ConsoleDeps } from '../console.js';
import { cookies, field, languageOf, redirect, SESSION_COOKIE, translatorFor } from '../context.js';
import { html } from '../html.js';
import { page } from '../views/layout.js';

export const LOGIN_CSRF_COOKIE = 'bhxh_login_csrf';

type SetCookie = (request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAge?: number) => void;

export function registerLoginRoutes(admin: FastifyInstance, deps: ConsoleDeps, setCookie: SetCookie): void {
  const loginPage = (request: FastifyRequest, reply: FastifyReply, problem?: string) => {
    const lang = languageOf(request);
    const tr = translatorFor(deps.t, lang);
    const token = randomBytes(24).toString('base64url');
    setCookie(request, reply, LOGIN_CSRF_COOKIE, token, 3600);
    return page({
      tr,
      lang,
      title: tr('login.title'),
      path: '/admin/login',
      body: html`<form method="post" action="/admin/login" class="card narrow">
        ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
        <input type="hidden" name="_csrf" value="${token}">
        <label for="name">${tr('login.name')}</label><input id="name" name="name" autocomplete="username" required maxlength="64" autofocus>
        <label for="password">${tr('login.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
        <button type="submit">${tr('login.submit')}</button></form>`,
    }).value;
  };
  const send = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

  admin.get('/login', async (request, reply) => send(reply, 200, loginPage(request, reply)));

  admin.post('/login', { config: { rateLimit: { max: LOGIN_PER_MINUTE, timeWindow: 60_000 } } }, async (request, reply) => {
    const tr = translatorFor(deps.t, languageOf(request));
    const expected = cookies(request)[LOGIN_CSRF_COOKIE] ?? '';
    if (!expected || !sameSecret(field(request.body, '_csrf'), expected)) return send(reply, 403, loginPage(request, reply, tr('errors.csrfHelp')));
    const name = field(request.body, 'name').trim().slice(0, 64);
    const password = field(request.body, 'password').slice(0, 256);
    const result = await deps.auth.signIn(name, password, request.ip);
    if (result.kind === 'blocked') {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      const message = seconds >= 120 ? tr('login.blocked', { minutes: Math.ceil(seconds / 60) }) : tr('login.slowed', { seconds });
      return send(reply.header('retry-after', String(seconds)), 429, loginPage(request, reply, message));
    }
    if (result.kind === 'wrong') return send(reply, 401, loginPage(request, reply, tr('login.wrong')));
    deps.auth.signOut(cookies(request)[SESSION_COOKIE]);
    deps.auth.purgeExpired();
    setCookie(request, reply, SESSION_COOKIE, result.sessionId);
    return redirect(reply, '/admin/questions');
  });

  admin.post('/logout', async (request, reply) => {
    deps.auth.signOut(cookies(request)[SESSION_COOKIE]);
    setCookie(request, reply, SESSION_COOKIE, '', 0);
    return redirect(reply, '/admin/login');
  });
}
