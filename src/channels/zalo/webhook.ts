/**
 * POST /webhooks/zalo: checks X-Bot-Api-Secret-Token in constant time (403 otherwise, as the platform's
 * sample does), validates the body (wrapped or flat), handles the event, answers 200 at once; replies go out
 * through the send queue. A storage failure becomes 503 so that the platform retries.
 */
import type { FastifyInstance } from 'fastify';
import { secretMatches } from '../shared/secret.js';
import type { ZaloChannel } from './adapter.js';
import { parseZaloBody } from './events.js';

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';

export function registerZaloWebhook(server: FastifyInstance, deps: { secret: string; channel: ZaloChannel }): void {
  server.post(ZALO_WEBHOOK_PATH, async (request, reply) => {
    if (!secretMatches(request.headers['x-bot-api-secret-token'], deps.secret)) {
      return reply.code(403).send({ ok: false, error: 'forbidden' });
    }
    const event = parseZaloBody(request.body);
    if (!event) return reply.code(400).send({ ok: false, error: 'invalid_event' });
    const outcome = deps.channel.handleEvent(event);
    return { ok: true, outcome };
  });
}
