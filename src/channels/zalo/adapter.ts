/**
 * The Zalo channel: events in (webhook or long polling), replies out as text with numbered options (Zalo has
 * no buttons), split under 2000 characters. Every event is claimed once by event + message id + sender: a
 * message id is only unique per conversation, so two people's messages may share one (the sender goes into the
 * key as an opaque tag, never the raw id).
 */
import type { ChatUpdateHandler, ChannelLogger, UpdateSeen } from '../chat-handler.js';
import type { BotResponse, Translator } from '../../core/types.js';
import type { OutboxSender } from '../shared/outbox-sender.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { numberList, renderNumbered } from '../shared/numbered-options.js';
import { SendError, type SendQueue } from '../shared/send-queue.js';
import { splitText } from '../shared/split-text.js';
import { ZaloApiError, type ZaloClient } from './client.js';
import type { ZaloEvent } from './events.js';

export const ZALO_TEXT_LIMIT = 2000;

export interface ZaloChannelDeps {
  client: ZaloClient;
  handleUpdate: ChatUpdateHandler;
  updateSeen: UpdateSeen;
  t: Translator;
  /** Replies go through the outbox: stored with the turn, sent, then cleared. */
  outbox: OutboxSender;
  /** For what is not a turn's reply: the one notice to a user who sends too fast. */
  sendQueue: SendQueue;
  limitNotice: string;
  rateLimiter: RateLimiter;
  log: ChannelLogger;
  /** An opaque tag of a sender's id (an HMAC), for the dedupe key. */
  senderTag: (senderId: string) => string;
  sleep?: (ms: number) => Promise<void>;
}

export type EventOutcome = 'handled' | 'duplicate' | 'limited';

/** Plain text for Zalo: options numbered, bold markers dropped. */
export function renderForZalo(response: BotResponse, t: Translator): string[] {
  return response.replies.flatMap((reply) => {
    const buttons = reply.buttons ?? [];
    const hint = t('vi', 'numbered.hint', { list: numberList(buttons.length, t('vi', 'numbered.or')) });
    const notRight = reply.feedback?.length ? `\n${t('vi', 'feedback.typeZero')}` : '';
    return splitText(`${renderNumbered(reply.text.replace(/\*\*/g, ''), buttons, hint)}${notRight}`, ZALO_TEXT_LIMIT);
  });
}

/** A response as the outbox keeps it for one Zalo chat. */
export function zaloOutgoing(chat: string, response: BotResponse, t: Translator): { chat: string; message: { text: string } }[] {
  return renderForZalo(response, t).map((text) => ({ chat, message: { text } }));
}

function toSendError(err: unknown): SendError {
  if (err instanceof ZaloApiError) {
    const retryable = err.errorCode === 0 || err.errorCode === 408 || err.errorCode === 429 || err.errorCode >= 500;
    return new SendError(err.message, undefined, retryable);
  }
  return new SendError(String((err as Error)?.message ?? err));
}

export function createZaloChannel(deps: ZaloChannelDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let polling = false;

  /** Sends one stored reply (the outbox's deliverer). */
  const deliver = async (chat: string, message: unknown) => {
    try {
      await deps.client.sendMessage(chat, (message as { text: string }).text);
    } catch (err) {
      throw toSendError(err);
    }
  };

  /** Handles one event; storage errors propagate (the webhook answers 503 and the platform retries). */
  function handleEvent(event: ZaloEvent): EventOutcome {
    const { message } = event;
    const key = `${event.event_name}:${message.message_id}:${deps.senderTag(message.from.id)}`;
    // A redelivery is recognised before the flood guard counts it (the atomic claim below still decides).
    if (deps.updateSeen('zalo', key)) return 'duplicate';
    const decision = deps.rateLimiter.check(`zalo:${message.from.id}`);
    if (decision === 'limited-first') deps.sendQueue.enqueue(`zalo:${message.chat.id}`, () => deliver(message.chat.id, { text: deps.limitNotice }));
    if (decision !== 'allowed') return 'limited';
    const text = event.event_name === 'message.text.received' ? message.text : undefined;
    // Images, stickers, voice and unsupported (e.g. protected users') events get the core's polite "type
    // your question in words" reply.
    const queued = deps.handleUpdate('zalo', key, message.from.id, text !== undefined ? { text } : {}, (response) => zaloOutgoing(message.chat.id, response, deps.t));
    if (!queued) return 'duplicate';
    deps.outbox.send('zalo', queued, deliver);
    return 'handled';
  }

  async function poll(): Promise<void> {
    polling = true;
    try {
      await deps.client.deleteWebhook(); // webhook and polling are mutually exclusive
    } catch (err) {
      deps.log.warn(`zalo: deleteWebhook failed: ${(err as Error).message}`);
    }
    let failures = 0;
    while (polling) {
      try {
        const event = await deps.client.getUpdates(30);
        failures = 0;
        if (event) handleEvent(event);
      } catch (err) {
        failures++;
        deps.log.warn(`zalo: polling failed: ${(err as Error).message}`);
        await sleep(Math.min(60_000, 1000 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  return {
    handleEvent,
    /** Sends the replies a crash left in the outbox; returns how many. */
    resume: () => deps.outbox.resume('zalo', deliver),
    /** Long polling until stop(); returns when stopped. */
    startPolling: () => poll(),
    stop() {
      polling = false;
    },
  };
}

export type ZaloChannel = ReturnType<typeof createZaloChannel>;
