/**
 * The web chat page at "/": one HTML template filled from the locale files (Vietnamese by default, "?lang=en"
 * for English), plus its script and stylesheet. Everything is served by this server; nothing from outside.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Language, Translator } from '../../core/types.js';

const PUBLIC = new URL('./public/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, PUBLIC), 'utf8');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Strings the script needs at run time, sent as a JSON data island (not executed, CSP-safe). */
const SCRIPT_KEYS = ['you', 'bot', 'offline'] as const;

export function renderPage(template: string, t: Translator, lang: Language): string {
  const strings = Object.fromEntries(SCRIPT_KEYS.map((k) => [k, t(lang, `web.${k}`)]));
  const json = JSON.stringify(strings).replace(/</g, '\\u003c');
  return template
    .replace(/\{\{lang\}\}/g, lang)
    .replace(/\{\{strings\}\}/g, json)
    .replace(/\{\{([a-zA-Z.]+)\}\}/g, (_m, key: string) => escapeHtml(t(lang, key)));
}

export function registerWebPage(server: FastifyInstance, t: Translator): void {
  const template = read('index.html');
  const pages: Record<Language, string> = { vi: renderPage(template, t, 'vi'), en: renderPage(template, t, 'en') };
  const script = read('chat.js');
  const style = read('chat.css');

  server.get<{ Querystring: { lang?: string } }>('/', async (request, reply) => {
    const lang: Language = request.query.lang === 'en' ? 'en' : 'vi';
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(pages[lang]);
  });
  server.get('/static/chat.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  );
  server.get('/static/chat.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(style),
  );
}
