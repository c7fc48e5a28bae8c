/**
 * POST /webhooks/telegram: checks X-Telegram-Bot-Api-Secret-Token in constant time (401 otherwise), handles
 * the update and answers 200 at once (replies are sent afterwards), 503 when storage fails.
 */
import type { FastifyInstance } from 'fastify';
import { secretMatches } from '../shared/secret.js';
import type { TelegramChannel } from './adapter.js';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

export function registerTelegramWebhook(server: FastifyInstance, deps: { secret: string; channel: Pick<TelegramChannel, 'handleUpdate'> }): void {
  server.post(TELEGRAM_WEBHOOK_PATH, async (request, reply) => {
    if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], deps.secret)) {
      return reply.code(401).send({ ok: false, error: 'unauthorized' });
    }
    const outcome = deps.channel.handleUpdate(request.body);
    if (outcome === 'invalid') return reply.code(400).send({ ok: false, error: 'invalid_update' });
    return { ok: true, outcome };
  });
}
