/**
 * The staff console under /admin: sign-in, then the unanswered questions, questions sent to staff, the
 * dashboard and report, the knowledge change log and (admins) accounts. Pages are rendered on the server with
 * escaped templates; every change is a POST carrying the session's CSRF token; no state changes on GET.
 */
import { readFileSync } from 'node:fs';
import type { DeadLetterCount } from '../storage/outbox-store.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Flow } from '../flows/schema.js';
import type { LiveKnowledge } from '../knowledge/live-knowledge.js';
import type { Translator } from '../core/types.js';
import type { CountReads } from '../storage/metrics-buffer.js';
import type { StaffAccount, StaffRole } from '../storage/sqlite/staff-accounts.js';
import type { StoredUnanswered, Resolution } from '../storage/sqlite/unanswered-queue.js';
import type { QueueKind } from '../core/types.js';
import type { SqliteQueueGroups } from '../storage/sqlite/queue-groups.js';
import type { StaffThreads } from '../storage/sqlite/staff-threads.js';
import type { StaffReplies } from '../channels/staff-replies.js';
import type { StaffRequest } from '../storage/sqlite/staff-queue.js';
import { sameSecret, type StaffAuth } from './auth/staff-auth.js';
import { cookies, field, languageOf, LANG_COOKIE, redirect, SESSION_COOKIE, translatorFor } from './context.js';
import { html } from './html.js';
import { registerDashboardRoutes } from './routes/dashboard-routes.js';
import { registerKnowledgeRoutes } from './routes/knowledge-routes.js';
import { registerLoginRoutes } from './routes/login-routes.js';
import { registerQuestionRoutes } from './routes/question-routes.js';
import { registerRequestRoutes } from './routes/request-routes.js';
import { registerEntryRoutes } from './routes/entry-routes.js';
import { registerPasswordRoutes } from './routes/password-routes.js';
import { registerUserRoutes } from './routes/user-routes.js';
import { page } from './views/layout.js';

export interface ConsoleDeps {
  auth: StaffAuth;
  t: Translator;
  knowledge: LiveKnowledge;
  unanswered: {
    list(status?: string, limit?: number, kind?: QueueKind): StoredUnanswered[];
    countByKind(status?: string): Record<QueueKind, number>;
    open(ids: readonly number[]): { id: number; text: string }[];
    resolve(ids: readonly number[], status: Resolution, resolution: string, at: number): number;
  };
  /** The review queue's stored groups (kept by the grouper the question pages run). */
  queue: SqliteQueueGroups;
  staffQueue: { list(status?: StaffRequest['status'], limit?: number): StaffRequest[]; setStatus(id: number, status: StaffRequest['status'], at: number): boolean };
  staffThreads: Pick<StaffThreads, 'thread' | 'address'>;
  staffReplies: Pick<StaffReplies, 'reply'>;
  metrics: CountReads;
  /** Replies the platforms never took (given up), by channel and reason. */
  deadLetters(): DeadLetterCount[];
  flows: readonly Flow[];
  accounts: { list(): StaffAccount[]; add(name: string, role: StaffRole, hash: string, at: number): boolean; remove(name: string): boolean };
  hashPassword(password: string): Promise<string>;
  now(): number;
  /** Secure cookies: true when the console is served over HTTPS (PUBLIC_URL set). */
  secureCookies: boolean;
}

const PUBLIC = new URL('./public/', import.meta.url);
const PUBLIC_PATHS = new Set(['/admin/login', '/admin/lang', '/admin/static/admin.css', '/admin/static/admin.js']);

function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function registerStaffConsole(server: FastifyInstance, deps: ConsoleDeps): void {
  const css = readFileSync(new URL('admin.css', PUBLIC), 'utf8');
  const js = readFileSync(new URL('admin.js', PUBLIC), 'utf8');

  const setCookie = (request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAge?: number) => {
    const secure = deps.secureCookies || request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
    const parts = [`${name}=${value}`, 'Path=/admin', 'HttpOnly', 'SameSite=Strict'];
    if (maxAge !== undefined) parts.push(`Max-Age=${maxAge}`);
    if (secure) parts.push('Secure');
    const previous = reply.getHeader('set-cookie');
    const list = previous === undefined ? [] : Array.isArray(previous) ? previous.map(String) : [String(previous)];
    reply.header('set-cookie', [...list.filter((c) => !c.startsWith(`${name}=`)), parts.join('; ')]);
  };

  server.register(
    async (admin) => {
      admin.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
        done(null, parseForm(body as string));
      });

      admin.addHook('onSend', async (_request, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });

      // Who is signed in; pages need a session, changes also need the session's CSRF token.
      admin.addHook('preHandler', async (request, reply) => {
        const path = request.url.split('?')[0]!;
        if (PUBLIC_PATHS.has(path)) return;
        const session = deps.auth.session(cookies(request)[SESSION_COOKIE]);
        const tr = translatorFor(deps.t, languageOf(request));
        if (!session) {
          if (request.method === 'GET') return redirect(reply, '/admin/login');
          return reply.code(401).type('text/html; charset=utf-8').send(page({ tr, lang: languageOf(request), title: tr('errors.signedOut'), path, body: html`<p><a href="/admin/login">${tr('login.title')}</a></p>` }).value);
        }
        request.staff = { name: session.name, role: session.role, csrf: session.csrf };
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          if (!sameSecret(field(request.body, '_csrf'), session.csrf)) {
            return reply.code(403).type('text/html; charset=utf-8').send(page({ tr, lang: languageOf(request), title: tr('errors.csrf'), staff: request.staff, path, body: html`<p>${tr('errors.csrfHelp')}</p>` }).value);
          }
        }
      });

      admin.get('/static/admin.css', async (_r, reply) => reply.type('text/css; charset=utf-8').send(css));
      admin.get('/static/admin.js', async (_r, reply) => reply.type('text/javascript; charset=utf-8').send(js));

      admin.get<{ Querystring: { to?: string; back?: string } }>('/lang', async (request, reply) => {
        setCookie(request, reply, LANG_COOKIE, request.query.to === 'en' ? 'en' : 'vi', 365 * 86_400);
        const back = typeof request.query.back === 'string' && /^\/admin(\/[\w\-./]*)?$/.test(request.query.back) ? request.query.back : '/admin';
        return redirect(reply, back);
      });

      registerLoginRoutes(admin, deps, setCookie);

      admin.get('/', async (_request, reply) => redirect(reply, '/admin/questions'));

      registerQuestionRoutes(admin, deps);
      registerRequestRoutes(admin, deps);
      registerDashboardRoutes(admin, deps);
      registerKnowledgeRoutes(admin, deps);
      registerEntryRoutes(admin, deps);
      registerUserRoutes(admin, deps);
      registerPasswordRoutes(admin, deps);
    },
    { prefix: '/admin' },
  );
}
