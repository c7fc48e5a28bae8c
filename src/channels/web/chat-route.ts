/**
 * POST /api/chat — the HTTP chat API used by the web page and outside checks. Contract:
 * request  {"user": string(1–128), "text"?: string(≤2000), "payload"?: string}
 * response {"replies": [{"text", "buttons"?: [{"label","payload"}]}], "intent": {"kind","id"?,"score"?}}
 */
import type { FastifyInstance } from 'fastify';
import { roundScore as round, type BotResponse, type Outcome, type Reply } from '../../core/types.js';
import type { ChatHandler } from '../chat-handler.js';
import { createVisitorGuard, type VisitorGuard } from './visitor-guard.js';

interface ChatBody {
  user: string;
  text?: string;
  payload?: string;
}

const bodySchema = {
  type: 'object',
  required: ['user'],
  anyOf: [{ required: ['text'] }, { required: ['payload'] }],
  properties: {
    user: { type: 'string', minLength: 1, maxLength: 128 },
    text: { type: 'string', maxLength: 2000 },
    payload: { type: 'string', maxLength: 256 },
  },
} as const;

export type Intent = { kind: 'faq' | 'clarify' | 'flow' | 'fallback' | 'command'; id?: string; score?: number };


export function toIntent(outcome: Outcome): Intent {
  switch (outcome.kind) {
    case 'answer':
      return { kind: 'faq', id: outcome.entryId, score: round(outcome.score) };
    case 'clarify':
      return { kind: 'clarify', ...(outcome.candidates[0] ? { id: outcome.candidates[0] } : {}), score: round(outcome.score) };
    case 'flow':
      return { kind: 'flow', id: outcome.flowId };
    case 'fallback':
      return { kind: 'fallback', score: round(outcome.score) };
    case 'command':
      return { kind: 'command', id: outcome.command };
  }
}

/** One reply in the contract's shape: one list of buttons, "Đúng ý tôi" / "Chưa đúng" last (payloads "v:…"; the page shows them apart, small). */
function toChatReply(reply: Reply) {
  const buttons = [...(reply.buttons ?? []), ...(reply.feedback ?? [])];
  return buttons.length ? { text: reply.text, buttons } : { text: reply.text };
}

export function toChatResponse(r: BotResponse) {
  return { replies: r.replies.map(toChatReply), intent: toIntent(r.outcome) };
}

/**
 * @param perMinute requests a minute one address may make (0: no limit; behind a proxy see TRUST_PROXY)
 * @param visitors how many new conversations one address may open before the next ones are answered statelessly
 */
const inboxSchema = { type: 'object', required: ['user'], properties: { user: { type: 'string', minLength: 1, maxLength: 128 } } } as const;

export function registerChatRoute(server: FastifyInstance, handle: ChatHandler, perMinute = 0, visitors: VisitorGuard = createVisitorGuard(), inbox?: (user: string) => Reply[]): void {
  const config = perMinute > 0 ? { rateLimit: { max: perMinute, timeWindow: 60_000 } } : {};
  server.post<{ Body: ChatBody }>('/api/chat', { schema: { body: bodySchema }, config }, async (request) => {
    const { user, text, payload } = request.body;
    const response = await handle('web', user, {
      ...(text !== undefined ? { text } : {}),
      ...(payload !== undefined ? { payload } : {}),
      ...(visitors.admit(request.ip, user) ? {} : { stateless: true }),
    });
    return toChatResponse(response);
  });
  // POST /api/chat/inbox {"user"} → {"replies": [...]}: staff replies waiting for this person, each given once.
  if (inbox) {
    server.post<{ Body: { user: string } }>('/api/chat/inbox', { schema: { body: inboxSchema }, config }, async (request) => ({
      replies: inbox(request.body.user).map(toChatReply),
    }));
  }
}
