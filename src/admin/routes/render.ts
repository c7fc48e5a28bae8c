/** Sends a console page in the request's language. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Translator } from '../../core/types.js';
import { languageOf, translatorFor, type Tr } from '../context.js';
import { html, type Html } from '../html.js';
import { page } from '../views/layout.js';

export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  t: Translator,
  build: (tr: Tr, lang: 'vi' | 'en') => { title: string; body: Html; flash?: string },
  status = 200,
) {
  const lang = languageOf(request);
  const tr = translatorFor(t, lang);
  const p = build(tr, lang);
  const path = request.url.split('?')[0]!;
  return reply.code(status).type('text/html; charset=utf-8').send(page({ tr, lang, path, ...(request.staff ? { staff: request.staff } : {}), ...p }).value);
}

/** Refuses a reviewer: admin-only actions answer 403. Returns true when refused. */
export function refuseUnlessAdmin(request: FastifyRequest, reply: FastifyReply, t: Translator): boolean {
  if (request.staff?.role === 'admin') return false;
  void sendPage(request, reply, t, (tr) => ({ title: tr('errors.forbidden'), body: html`<p>${tr('errors.forbiddenHelp')}</p>` }), 403);
  return true;
}
