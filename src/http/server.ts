/**
 * The one fastify server: health, the chat API, the web page, later webhooks and staff pages. One error
 * boundary: bad requests get a 4xx JSON error, storage failures a 503 (retry later), anything else a logged 500.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ChatHandler } from '../channels/chat-handler.js';
import { registerChatRoute } from '../channels/web/chat-route.js';
import { registerWebPage } from '../channels/web/page.js';
import type { Translator } from '../core/types.js';
import { StorageError } from '../storage/storage-error.js';

export interface HttpDeps {
  handle: ChatHandler;
  t: Translator;
  /** Returns normally when storage answers; throws otherwise. */
  checkStorage: () => void;
  logger?: FastifyServerOptions['logger'];
  /** More routes (the platforms' webhooks). */
  routes?: ((server: FastifyInstance) => void)[];
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

export function createHttpServer(deps: HttpDeps): FastifyInstance {
  const server = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 64 * 1024,
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: false } },
  });

  server.addHook('onSend', async (_request, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
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

  server.get('/health', async (_request, reply) => {
    try {
      deps.checkStorage();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  registerChatRoute(server, deps.handle);
  registerWebPage(server, deps.t);
  for (const register of deps.routes ?? []) register(server);
  return server;
}
