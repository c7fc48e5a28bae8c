/**
 * The one fastify server: health, the chat API, the web page, later webhooks and staff pages. One error
 * boundary: bad requests get a 4xx JSON error, storage failures a 503 (retry later), anything else a logged 500.
 */
import type { Server as HttpServer } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ChatHandler } from '../channels/chat-handler.js';
import { registerChatRoute } from '../channels/web/chat-route.js';
import { createVisitorGuard } from '../channels/web/visitor-guard.js';
import { registerWebPage } from '../channels/web/page.js';
import type { Reply, Translator } from '../core/types.js';
import { StorageError } from '../storage/storage-error.js';

export interface HttpDeps {
  handle: ChatHandler;
  /** Staff replies waiting for a web chat user (POST /api/chat/inbox). */
  inbox?: (user: string) => Reply[];
  t: Translator;
  /** Returns normally when storage answers; throws otherwise. */
  checkStorage: () => void;
  logger?: FastifyServerOptions['logger'];
  /** More routes (the platforms' webhooks). */
  routes?: ((server: FastifyInstance) => void)[];
  /** Whom to believe about the client address behind a reverse proxy (fastify trustProxy). */
  trustProxy?: boolean | number | string[];
  /** Chat API requests a minute per address (0: none). */
  chatPerMinute?: number;
  /** New web conversations an hour per address before the next are answered statelessly (0: no limit). */
  newConversationsPerHour?: number;
  /** Served over HTTPS (PUBLIC_URL): browsers are told to keep to HTTPS (HSTS). */
  https?: boolean;
  /** Overrides of REQUEST_TIMEOUT_MS and MAX_CONNECTIONS (tests replay the attacks at a smaller scale). */
  requestTimeoutMs?: number;
  maxConnections?: number;
}

/** Sign-in attempts a minute per address, before the sign-in limiter's own per-account rules. */
export const LOGIN_PER_MINUTE = 20;
/** Every request must arrive whole within this time; a connection idle longer is closed. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Open connections at once; beyond it new ones are refused at the socket. */
export const MAX_CONNECTIONS = 2_000;

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

export function createHttpServer(deps: HttpDeps): FastifyInstance {
  const timeout = deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 64 * 1024,
    // A number (proxy hops) is accepted at run time though the option's type leaves it out.
    trustProxy: (deps.trustProxy ?? false) as FastifyServerOptions['trustProxy'],
    // A body sent one byte every ten seconds may not hold a connection for minutes: the request must be whole
    // within the timeout, checked every second (Node's default check runs every 30 s).
    connectionTimeout: timeout,
    requestTimeout: timeout,
    keepAliveTimeout: 5_000,
    http: { connectionsCheckingInterval: Math.min(1_000, timeout) },
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: false } },
  });
  const http = server.server as HttpServer;
  http.maxConnections = deps.maxConnections ?? MAX_CONNECTIONS;
  http.headersTimeout = timeout;
  const headers = { ...SECURITY_HEADERS, ...(deps.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}) };

  server.addHook('onSend', async (_request, reply, payload) => {
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    return payload;
  });

  server.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown; code?: string }, request, reply) => {
    if (error instanceof StorageError) {
      request.log.error({ err: { message: error.message } }, 'storage unavailable');
      return reply.code(503).header('retry-after', '5').send({ error: 'unavailable', message: 'Storage is unavailable; retry later.' });
    }
    if (error.validation) {
      return reply.code(400).send({ error: 'invalid_request', message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: { message: error.message, stack: error.stack } }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: 'Internal error.' });
  });

  server.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found', message: 'Not found.' }));

  // Liveness (the process answers) and the state of storage; /ready is for a load balancer: 503 while the
  // database cannot take a write (full disk, locked, read-only), so traffic goes elsewhere.
  const storageState = () => {
    try {
      deps.checkStorage();
      return 'ok';
    } catch (err) {
      return err instanceof StorageError ? err.code : 'unavailable';
    }
  };
  server.get('/health', async () => {
    const storage = storageState();
    return { status: storage === 'ok' ? 'ok' : 'degraded', storage };
  });
  server.get('/ready', async (_request, reply) => {
    const storage = storageState();
    return storage === 'ok' ? { status: 'ready' } : reply.code(503).header('retry-after', '5').send({ status: 'unavailable', storage });
  });

  server.register(rateLimit, { global: false });
  server.register(async (routes) => {
    const perHour = deps.newConversationsPerHour ?? 0;
    registerChatRoute(routes, deps.handle, deps.chatPerMinute ?? 0, perHour > 0 ? createVisitorGuard({ perWindow: perHour }) : { admit: () => true }, deps.inbox);
    registerWebPage(routes, deps.t);
    for (const register of deps.routes ?? []) register(routes);
  });
  return server;
}
