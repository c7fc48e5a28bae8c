/**
 * Sends what a turn put in the outbox, through the per-chat send queue, and clears each reply once the
 * platform has taken it (or refused it for good). At start, `resume` sends what a crash left behind. A reply
 * taken by the platform just before a crash, not yet cleared, is sent again: at least once, never lost.
 */
import type { Channel } from '../../core/types.js';
import type { OutboxStore, QueuedOutgoing } from '../../storage/outbox-store.js';
import type { SendQueue } from './send-queue.js';

export type Deliver = (chat: string, message: unknown) => Promise<void>;

export interface OutboxSender {
  send(channel: Channel, items: readonly QueuedOutgoing[], deliver: Deliver): void;
  /** Sends the replies left in the outbox for this channel; returns how many. */
  resume(channel: Channel, deliver: Deliver): number;
}

export function createOutboxSender(store: OutboxStore, queue: SendQueue): OutboxSender {
  const send: OutboxSender['send'] = (channel, items, deliver) => {
    for (const item of items) queue.enqueue(`${channel}:${item.chat}`, () => deliver(item.chat, item.message), () => store.done(item.id));
  };
  return {
    send,
    resume(channel, deliver) {
      const items = store.pending(channel);
      send(channel, items, deliver);
      return items.length;
    },
  };
}
